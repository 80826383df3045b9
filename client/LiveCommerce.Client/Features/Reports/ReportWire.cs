namespace LiveCommerce.Client.Features.Reports;

// The JSON of the reports and share-link endpoints (issue 6), read by shape. Contracts'
// Attribution.cs (EarningsReport, ReportRow, ShareLinkDto, ReportExportDto) was not on main when
// this was written; the names differ so both can coexist, and these can give way to those.

/// <summary>One line of a report. Dimension: day (key yyyy-MM-dd), stream, product, sale, influencer.</summary>
public sealed record ReportLine(string Dimension, string Key, long Orders, long Units, decimal Gmv, decimal Commission);

/// <summary>An influencer's earnings or a brand's sales over UTC days, money in <see cref="Currency"/>.</summary>
public sealed record ReportData(
    string OwnerId,
    DateOnly From,
    DateOnly To,
    string Currency,
    ReportLine Total,
    IReadOnlyList<ReportLine> Rows,
    int Page,
    int PageSize,
    int TotalRows);

public sealed record ShareLink(string Code, string Url, string QrUrl, string? StreamId, string? ProductId, DateTimeOffset CreatedAt);

public sealed record ShareLinkBody(string? StreamId, string? ProductId);

public sealed record ReportExport(string Url, DateTimeOffset ExpiresAt, int Rows);
