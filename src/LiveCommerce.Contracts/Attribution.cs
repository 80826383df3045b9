namespace LiveCommerce.Contracts;

/// <summary>A host's share link: exactly one of stream or product.</summary>
public sealed record ShareLinkRequest(string? StreamId, string? ProductId);

public sealed record ShareLinkDto(string Code, string Url, string QrUrl, string? StreamId, string? ProductId, DateTimeOffset CreatedAt);

/// <summary>The answer to <c>POST /api/share-links/claim</c>: how many of the browser's signed-out touches became the caller's now.</summary>
public sealed record ShareClaimResult(int Claimed);

/// <summary>
/// One line of a report. Dimension: day (Key yyyy-MM-dd), stream, product, sale, influencer.
/// Money is converted into the report's currency (the sum of per-currency totals, each rounded once).
/// Buyers: distinct buyers of the row's orders (a refund takes back the money, not the
/// purchase decision). UniqueViewers / PeakViewers: the audience of the streams behind the row (none for
/// product and sale rows). Conversion: Buyers ÷ UniqueViewers as a fraction (0.0125 = 1.25 %).
/// Distinct counts are estimates within about 1 % on Redis (HyperLogLog).
/// Name: how people know the row's subject (Key stays the id, for machines): an influencer's display name,
/// a stream's, product's or sale's title; null for day and total rows and for a subject that no longer exists.
/// Handle: an influencer's public handle, without the @ (null when the influencer is not a host).
/// </summary>
public sealed record ReportRow(
    string Dimension,
    string Key,
    long Orders,
    long Units,
    decimal Gmv,
    decimal Commission,
    long Buyers = 0,
    long? UniqueViewers = null,
    long? PeakViewers = null,
    decimal? Conversion = null,
    string? Name = null,
    string? Handle = null);

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
/// Live totals of a stream for its host's studio, today (UTC): orders, units, GMV and commission (per
/// brand currency) attributed to the stream; its distinct buyers, unique viewers, peak concurrent viewers
/// and conversion (buyers ÷ unique viewers, a fraction; none before the first viewer). Latest-state,
/// coalesced (≤ 2/s per stream), pushed on each sale and as viewers arrive, to the host only. Not sequenced.
/// </summary>
public sealed record HostMetricsChanged(
    string StreamId,
    long Orders,
    long Units,
    IReadOnlyList<Money> Gmv,
    IReadOnlyList<Money> Commission,
    DateTimeOffset At,
    long Buyers = 0,
    long UniqueViewers = 0,
    long PeakViewers = 0,
    decimal? Conversion = null);

public partial interface ILiveClient
{
    Task HostMetricsChanged(HostMetricsChanged e);
}
