using System.Globalization;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Fx;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>A viewer opened an influencer's share link (or typed their code) at <paramref name="At"/>.</summary>
public sealed record Touch(string Code, string InfluencerId, DateTimeOffset At);

public enum AttributedVia
{
    Stream,
    ShareLink,
}

public sealed record AttributionResult(string InfluencerId, AttributedVia Via, string? Code);

/// <summary>One counter change of the projection: bucket (a hash), field, integer delta (minor units for money).</summary>
public sealed record ProjectionDelta(string Bucket, string Field, long Amount);

/// <summary>
/// The attribution and commission rules, pure (docs/decisions/0002-attribution.md):
/// 1. bought in a stream → the stream's host;
/// 2. otherwise → the influencer of the last share-link touch at or before the order, if it is within the window;
/// 3. an influencer buying through their own stream or link earns nothing (the order stays unattributed);
/// 4. commission per item = quantity × unit price × rate / 100 from the partnership active at the order time
///    that covers the product (per-product override first), rounded to the brand currency's minor units;
///    no active partnership → attributed, commission 0;
/// 5. a reversal (refund, cancellation) subtracts exactly what the order added.
/// </summary>
public static class AttributionRules
{
    public static AttributionResult? Attribute(OrderDto order, IEnumerable<Touch> touches, TimeSpan window)
    {
        if (order.Attribution is { HostId: { } host })
        {
            return host == order.BuyerId ? null : new AttributionResult(host, AttributedVia.Stream, null);
        }

        var last = touches.Where(t => t.At <= order.CreatedAt).OrderByDescending(t => t.At).FirstOrDefault();
        if (last is null || order.CreatedAt - last.At > window || last.InfluencerId == order.BuyerId)
        {
            return null;
        }

        return new AttributionResult(last.InfluencerId, AttributedVia.ShareLink, last.Code);
    }

    /// <summary>Commission in the order's (brand's) currency, rounded once per item to the currency's minor units.</summary>
    public static decimal Commission(OrderDto order, Partnership? partnership)
    {
        if (partnership is null || !partnership.WasInForceAt(order.CreatedAt))
        {
            return 0m;
        }

        return order.Items.Sum(i => ItemCommission(order, i, partnership));
    }

    public static decimal ItemCommission(OrderDto order, OrderItemDto item, Partnership? partnership) =>
        partnership is null || !partnership.WasInForceAt(order.CreatedAt) || !partnership.Covers(item.ProductId)
            ? 0m
            : Currencies.Round(item.Quantity * item.UnitPrice * partnership.RateFor(item.ProductId) / 100m, order.Currency);

    public static long ToMinor(decimal amount, string currency) =>
        (long)(Currencies.Round(amount, currency) * Pow10(Currencies.MinorUnitsOf(currency)));

    public static decimal FromMinor(long minor, string currency) => minor / Pow10(Currencies.MinorUnitsOf(currency));

    private static decimal Pow10(int n) => n switch { 0 => 1m, 1 => 10m, 2 => 100m, _ => 1000m };

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The dimension of a bucket's whole-day totals.</summary>
    public const string AllDimension = "all";

    /// <summary>A report cell: one dimension of one day bucket, where distinct buyers are counted.</summary>
    public static string Cell(string bucket, string dimension) => $"{bucket}|{dimension}";

    /// <summary>The report cells an order's deltas add to: where its buyer counts.</summary>
    public static IReadOnlyList<string> Cells(IEnumerable<ProjectionDelta> deltas) =>
        deltas.Select(d => Cell(d.Bucket, d.Field[..d.Field.LastIndexOf('|')])).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Buyers ÷ unique viewers, to 4 places (a fraction, 0.0125 = 1.25 %); none without an audience.</summary>
    public static decimal? Conversion(long buyers, long? uniqueViewers) =>
        uniqueViewers is > 0 ? Math.Round(buyers / (decimal)uniqueViewers.Value, 4, MidpointRounding.AwayFromZero) : null;

    public static string InfluencerBucket(string influencerId, DateOnly day) => $"inf:{influencerId}:{day:yyyyMMdd}";

    public static string BrandBucket(string brandId, DateOnly day) => $"brand:{brandId}:{day:yyyyMMdd}";

    /// <summary>
    /// What one order adds to the totals. Buckets are per owner and UTC day (of the order); fields are
    /// "{dimension}|{metric}" with dimension all, stream:ID, product:ID, sale:ID, inf:ID and metric
    /// orders, units, gmv:CUR, comm:CUR (money in minor units of CUR). A reversal is the same list negated.
    /// </summary>
    public static IReadOnlyList<ProjectionDelta> Deltas(OrderDto order, AttributionResult? attribution, Partnership? partnership)
    {
        var day = DateOnly.FromDateTime(order.CreatedAt.UtcDateTime);
        var cur = order.Currency;
        var units = order.Items.Sum(i => (long)i.Quantity);
        var gmv = ToMinor(order.Total, cur);
        var commissions = order.Items.Select(i => attribution is null ? 0m : ItemCommission(order, i, partnership)).ToList();
        var commission = ToMinor(commissions.Sum(), cur);
        var deltas = new List<ProjectionDelta>();

        void Add(string bucket, string dimension, long orders, long u, long g, long c)
        {
            deltas.Add(new(bucket, $"{dimension}|orders", orders));
            deltas.Add(new(bucket, $"{dimension}|units", u));
            deltas.Add(new(bucket, $"{dimension}|gmv:{cur}", g));
            deltas.Add(new(bucket, $"{dimension}|comm:{cur}", c));
        }

        var brand = BrandBucket(order.BrandId, day);
        Add(brand, AllDimension, 1, units, gmv, commission);
        Add(brand, "sale:" + order.SaleId, 1, units, gmv, commission);
        if (order.StreamId is { } stream)
        {
            Add(brand, "stream:" + stream, 1, units, gmv, commission);
        }

        for (var i = 0; i < order.Items.Count; i++)
        {
            var item = order.Items[i];
            Add(brand, "product:" + item.ProductId, 1, item.Quantity,
                ToMinor(item.Quantity * item.UnitPrice, cur), ToMinor(commissions[i], cur));
        }

        if (attribution is not null)
        {
            Add(brand, "inf:" + attribution.InfluencerId, 1, units, gmv, commission);
            var inf = InfluencerBucket(attribution.InfluencerId, day);
            Add(inf, AllDimension, 1, units, gmv, commission);
            if (order.StreamId is { } s)
            {
                Add(inf, "stream:" + s, 1, units, gmv, commission);
            }
        }

        return deltas;
    }
}
