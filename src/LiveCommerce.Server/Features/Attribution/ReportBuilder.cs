using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Fx;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>
/// Reads the day buckets of the range and sums them into rows, converting money through the FX port;
/// then adds the audience of the rows on the page: buyers, unique viewers, peak concurrent viewers and
/// conversion (buyers ÷ unique viewers). A row's audience is that of the streams behind it: a stream
/// row its own; a day or the total the streams sold in (and, for a host, every stream she hosted);
/// an influencer row in a brand report every stream she hosted on the days she sold. Product and sale
/// rows have no audience of their own.
/// </summary>
public sealed class ReportBuilder(IEarningsStore store, IAudienceStore audience, IFxRates fx)
{
    public async Task<EarningsReport> BuildAsync(ReportOf of, string owner, ReportQuery query, CancellationToken ct)
    {
        var days = query.Days().ToList();
        var bucketNames = days.Select(d => of == ReportOf.Influencer ? AttributionRules.InfluencerBucket(owner, d) : AttributionRules.BrandBucket(owner, d)).ToList();
        var buckets = await store.ReadAsync(bucketNames, ct);
        var sums = new Dictionary<(string Dimension, string Key), Sum>();
        var total = new Sum();
        var streamDays = new HashSet<StreamDay>();
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            foreach (var (field, value) in buckets[i])
            {
                var bar = field.LastIndexOf('|');
                var dimension = field[..bar];
                var metric = field[(bar + 1)..];
                var cell = AttributionRules.Cell(bucketNames[i], dimension);
                if (dimension == AttributionRules.AllDimension)
                {
                    total.Add(metric, value, cell, day);
                    DayRow(sums, day).Add(metric, value, cell, day);
                    continue;
                }

                var colon = dimension.IndexOf(':');
                var name = dimension[..colon] switch { "inf" => "influencer", var n => n };
                var key = dimension[(colon + 1)..];
                Get(sums, (name, key)).Add(metric, value, cell, day);
                if (name == "stream")
                {
                    streamDays.Add(new StreamDay(key, day));
                }
            }
        }

        if (of == ReportOf.Influencer)
        {
            // Streams she hosted without a sale still have an audience: conversion 0, not a missing row.
            foreach (var hosted in await audience.HostedAsync(owner, days, ct))
            {
                streamDays.Add(hosted);
                Get(sums, ("stream", hosted.StreamId)).Days.Add(hosted.Day);
                DayRow(sums, hosted.Day).Days.Add(hosted.Day);
            }
        }

        var page = query.Page ?? 1;
        var size = query.PageSize ?? 100;
        var ordered = sums.OrderBy(s => DimensionOrder(s.Key.Dimension)).ThenBy(s => s.Key.Key, StringComparer.Ordinal).ToList();
        var shown = ordered.Skip((page - 1) * size).Take(size).Prepend(new(("total", ""), total)).ToList();

        // The audience of each shown row: one pipelined round of counts for the page.
        var groups = await Task.WhenAll(shown.Select(async row =>
        {
            var ((dimension, key), sum) = row;
            return dimension switch
            {
                "total" => streamDays.ToList(),
                "day" => streamDays.Where(sd => sum.Days.Contains(sd.Day)).ToList(),
                "stream" => streamDays.Where(sd => sd.StreamId == key).ToList(),
                "influencer" => await audience.HostedAsync(key, sum.Days.Order().ToList(), ct),
                _ => null, // products and sales have no audience of their own
            };
        }));
        var viewerGroups = groups.OfType<IReadOnlyList<StreamDay>>().ToList();
        var viewerGroupOf = new int?[shown.Count];
        for (int r = 0, g = 0; r < shown.Count; r++)
        {
            viewerGroupOf[r] = groups[r] is null ? null : g++;
        }

        var viewers = await audience.CountViewersAsync(viewerGroups, ct);
        var buyers = await audience.CountBuyersAsync(shown.Select(s => (IReadOnlyList<string>)s.Value.Cells.ToList()).ToList(), ct);
        var currency = query.Currency ?? "USD";
        var rows = new List<ReportRow>(shown.Count);
        for (var r = 0; r < shown.Count; r++)
        {
            var ((dimension, key), sum) = shown[r];
            rows.Add(await sum.ToRowAsync(dimension, key, currency, fx, buyers[r], viewerGroupOf[r] is { } g ? viewers[g] : null, ct));
        }

        return new EarningsReport(owner, query.From!.Value, query.To!.Value, currency, rows[0], rows.Skip(1).ToList(), page, size, ordered.Count);
    }

    private static int DimensionOrder(string d) => d switch
    {
        "day" => 0, "stream" => 1, "influencer" => 2, "product" => 3, "sale" => 4, _ => 5,
    };

    private static Sum DayRow(Dictionary<(string, string), Sum> sums, DateOnly day) =>
        Get(sums, ("day", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    private static Sum Get(Dictionary<(string, string), Sum> sums, (string, string) key)
    {
        if (!sums.TryGetValue(key, out var sum))
        {
            sums[key] = sum = new Sum();
        }

        return sum;
    }

    private sealed class Sum
    {
        public long Orders { get; private set; }

        public long Units { get; private set; }

        /// <summary>The report cells this row read: where its buyers are counted.</summary>
        public HashSet<string> Cells { get; } = new(StringComparer.Ordinal);

        /// <summary>The days this row has data (or, for a host, a stream) on.</summary>
        public HashSet<DateOnly> Days { get; } = [];

        private readonly Dictionary<string, long> _gmv = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _commission = new(StringComparer.Ordinal);

        public void Add(string metric, long value, string cell, DateOnly day)
        {
            Cells.Add(cell);
            Days.Add(day);
            switch (metric)
            {
                case "orders": Orders += value; break;
                case "units": Units += value; break;
                case var m when m.StartsWith("gmv:", StringComparison.Ordinal): _gmv[m[4..]] = _gmv.GetValueOrDefault(m[4..]) + value; break;
                case var m when m.StartsWith("comm:", StringComparison.Ordinal): _commission[m[5..]] = _commission.GetValueOrDefault(m[5..]) + value; break;
            }
        }

        public async Task<ReportRow> ToRowAsync(string dimension, string key, string currency, IFxRates fx, long buyers, AudienceCount? audience, CancellationToken ct) =>
            new(dimension, key, Orders, Units, await ConvertAsync(_gmv, currency, fx, ct), await ConvertAsync(_commission, currency, fx, ct),
                buyers, audience?.UniqueViewers, audience?.PeakViewers, AttributionRules.Conversion(buyers, audience?.UniqueViewers));

        private static async Task<decimal> ConvertAsync(Dictionary<string, long> byCurrency, string to, IFxRates fx, CancellationToken ct)
        {
            var total = 0m;
            foreach (var (cur, minor) in byCurrency)
            {
                total += (await fx.ConvertAsync(new Money(AttributionRules.FromMinor(minor, cur), cur), to, ct)).Converted.Amount;
            }

            return total;
        }
    }
}
