namespace LiveCommerce.Contracts;

/// <summary>A host's share link: exactly one of stream or product.</summary>
public sealed record ShareLinkRequest(string? StreamId, string? ProductId);

public sealed record ShareLinkDto(string Code, string Url, string QrUrl, string? StreamId, string? ProductId, DateTimeOffset CreatedAt);

/// <summary>
/// One line of a report. Dimension: day (Key yyyy-MM-dd), stream, product, sale, influencer.
/// Money is converted into the report's currency (the sum of per-currency totals, each rounded once).
/// </summary>
public sealed record ReportRow(string Dimension, string Key, long Orders, long Units, decimal Gmv, decimal Commission);

public sealed record EarningsReport(
    string OwnerId,
    DateOnly From,
    DateOnly To,
    string Currency,
    ReportRow Total,
    IReadOnlyList<ReportRow> Rows,
    int Page,
    int PageSize,
    int TotalRows);

public sealed record ReportExportDto(string Url, DateTimeOffset ExpiresAt, int Rows);

/// <summary>
/// Live totals of a stream for its host's studio: orders, units, GMV and commission (per brand currency)
/// attributed to the stream today (UTC). Latest-state, coalesced (≤ 2/s per stream), sent to the host only. Not sequenced.
/// </summary>
public sealed record HostMetricsChanged(string StreamId, long Orders, long Units, IReadOnlyList<Money> Gmv, IReadOnlyList<Money> Commission, DateTimeOffset At);

public partial interface ILiveClient
{
    Task HostMetricsChanged(HostMetricsChanged e);
}
