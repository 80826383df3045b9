using System.Globalization;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Reports;

/// <summary>Earnings and sales reports, CSV exports and share links (docs/API.md "Attribution and reports").</summary>
public sealed class ReportsApi(ApiClient api)
{
    public const string Influencer = "influencer";
    public const string Brand = "brand";

    /// <summary>A report (<see cref="Influencer"/> or <see cref="Brand"/>) over UTC days, money in <paramref name="currency"/>.</summary>
    /// <param name="ownerId">The host or brand whose report an admin reads; null for the caller's own.</param>
    public Task<EarningsReport> ReportAsync(string kind, DateOnly from, DateOnly to, string currency, string? ownerId = null, CancellationToken ct = default) =>
        api.GetAsync<EarningsReport>($"/api/reports/{kind}?{Query(from, to, currency)}&page=1&pageSize=500{Owner(kind, ownerId)}", ct);

    private static string Owner(string kind, string? ownerId) =>
        ownerId is null ? "" : $"&{(kind == Influencer ? "influencerId" : "brandId")}={Uri.EscapeDataString(ownerId)}";

    public Task<ReportExportDto> ExportAsync(string kind, DateOnly from, DateOnly to, string currency) =>
        api.PostAsync<ReportExportDto>($"/api/reports/{kind}/export?{Query(from, to, currency)}", null);

    public Task<ShareLinkDto> ShareLinkAsync(string? streamId, string? productId) =>
        api.PostAsync<ShareLinkDto>("/api/share-links", new ShareLinkRequest(streamId, productId));

    /// <summary>Hands the share links this browser opened signed out (the server's visitor cookie) to the signed-in account.</summary>
    public Task<ShareClaimResult> ClaimShareTouchesAsync(CancellationToken ct = default) =>
        api.PostAsync<ShareClaimResult>("/api/share-links/claim", null, ct);

    private static string Query(DateOnly from, DateOnly to, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&currency={Uri.EscapeDataString(currency)}");
}

/// <summary>One bar of a chart: a label people read, a value, and the id behind the label (for machines), if any.</summary>
public sealed record ChartBar(string Label, decimal Value, string Text, string? Key = null);

/// <summary>Turns report rows into chart bars. Pure.</summary>
public static class ReportCharts
{
    public const string StreamDimension = "stream";
    public const string InfluencerDimension = "influencer";

    /// <summary>
    /// Every day of the range in order (days without sales are zero, so the time axis is honest),
    /// with <paramref name="value"/> of each day's row.
    /// </summary>
    public static IReadOnlyList<ChartBar> ByDay(EarningsReport report, Func<ReportRow, decimal> value, Func<decimal, string> text, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        culture ??= CultureInfo.CurrentCulture;
        var rows = report.Rows.Where(r => r.Dimension == "day").ToDictionary(r => r.Key, StringComparer.Ordinal);
        var bars = new List<ChartBar>();
        for (var d = report.From; d <= report.To; d = d.AddDays(1))
        {
            var v = rows.TryGetValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), out var row) ? value(row) : 0m;
            bars.Add(new ChartBar(d.ToString(culture.DateTimeFormat.MonthDayPattern, culture), v, text(v)));
        }

        return bars;
    }

    /// <summary>
    /// The rows of one dimension (stream, influencer, product…), largest first, at most <paramref name="top"/>,
    /// each labelled by <see cref="Label"/>; <paramref name="label"/> names a row the server could not name.
    /// </summary>
    public static IReadOnlyList<ChartBar> By(EarningsReport report, string dimension, Func<ReportRow, decimal> value, Func<decimal, string> text,
        Func<string, string>? label = null, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Rows.Where(r => r.Dimension == dimension)
            .OrderByDescending(value)
            .Take(top)
            .Select(r => new ChartBar(Label(r, label), value(r), text(value(r)), r.Key))];
    }

    /// <summary>
    /// How people know a row's subject: a host as "Name (@handle)", anyone or anything else by name or title.
    /// Only when the server sent no name (the subject is gone) does <paramref name="fallback"/> or the id stand in.
    /// </summary>
    public static string Label(ReportRow row, Func<string, string>? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row switch
        {
            { Name: { Length: > 0 } name, Handle: { Length: > 0 } handle } => $"{name} (@{handle})",
            { Name: { Length: > 0 } name } => name,
            _ => fallback?.Invoke(row.Key) ?? row.Key,
        };
    }
}
