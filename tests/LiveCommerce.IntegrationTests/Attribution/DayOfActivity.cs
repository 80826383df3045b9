using Bogus;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.Catalog;

namespace LiveCommerce.IntegrationTests.Attribution;

/// <summary>
/// A generated day of one brand's orders (Bogus, fixed seed): stream purchases in two hosts' streams,
/// purchases after share-link touches (some expired, several per buyer), self-purchases, refunds and
/// retried (duplicated) log appends — plus the expected totals computed here, independently of the server.
/// </summary>
public sealed class DayOfActivity
{
    public const string Brand = "u-brand-glow";
    public const string Mia = "u-host-mia";
    public const string Leo = "u-host-leo";
    public static readonly DateOnly Day = new(2026, 3, 10);
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Id, decimal Price)[] Products = [("p-lip", 12.99m), ("p-eye", 24.50m), ("p-set", 59.00m)];

    public List<OrderDto> Orders { get; } = [];

    public List<(string Buyer, Touch Touch)> Touches { get; } = [];

    public HashSet<string> Refunded { get; } = [];

    /// <summary>Who joined each host's stream that day (every stream buyer, and more who only watched).</summary>
    public Dictionary<string, HashSet<string>> Viewers { get; } = [];

    /// <summary>The concurrent viewer counts each stream showed during the day, in order.</summary>
    public Dictionary<string, List<long>> Counts { get; } = [];

    /// <summary>Mia: 10 %, 25 % on p-set. Leo: 5 % from noon on, p-lip and p-eye only.</summary>
    public static IReadOnlyList<Partnership> Partnerships(string brand = Brand) =>
    [
        new(brand, Mia, 10m, [], new Dictionary<string, decimal> { ["p-set"] = 25m }, Start.AddDays(-30), null),
        new(brand, Leo, 5m, ["p-lip", "p-eye"], new Dictionary<string, decimal>(), Start.AddHours(12), null),
    ];

    public static DayOfActivity Generate(int orders, int seed = 4242, string brand = Brand, string salePrefix = "fs-day")
    {
        var f = new Faker { Random = new Randomizer(seed) };
        var day = new DayOfActivity();
        var buyers = Enumerable.Range(0, 25).Select(i => $"u-b{seed}-{i}").Append(Mia).Append(Leo).ToList();
        for (var n = 0; n < orders; n++)
        {
            var at = Start.AddSeconds(f.Random.Int(0, 86_399)).AddMilliseconds(n % 1000);
            var buyer = f.PickRandom(buyers);
            var (productId, price) = f.PickRandom(Products);
            var qty = f.Random.Int(1, 3);
            var kind = f.Random.Int(0, 9);
            string? host = kind < 5 ? f.PickRandom(Mia, Leo) : null;
            if (kind is >= 5 and < 9)
            {
                // One to three touches before the order: within or beyond the 14 days, sometimes after it.
                for (var t = f.Random.Int(1, 3); t > 0; t--)
                {
                    var touchAt = at.AddMinutes(-f.Random.Int(-60, 20 * 24 * 60));
                    day.Touches.Add((buyer, new Touch("C" + f.Random.AlphaNumeric(7).ToUpperInvariant(), f.PickRandom(Mia, Leo), touchAt)));
                }
            }

            var sale = $"{salePrefix}-{f.Random.Int(1, 3)}";
            var order = new OrderDto($"{sale}.o{n}", buyer, sale, brand, [new OrderItemDto(productId, null, productId, qty, price)],
                price * qty, "USD", "USD", host is null ? null : "s-" + host, host is null ? null : new AttributionRef("s-" + host, host), "pay", at);
            day.Orders.Add(order);
            if (f.Random.Int(0, 9) == 0)
            {
                day.Refunded.Add(order.Id);
            }
        }

        // The audience, from its own random sequence so that the orders above stay as they were.
        var a = new Faker { Random = new Randomizer(seed + 1) };
        foreach (var host in new[] { Mia, Leo })
        {
            var stream = "s-" + host;
            day.Viewers[stream] = day.Orders.Where(o => o.StreamId == stream).Select(o => o.BuyerId).Where(b => b != host)
                .Concat(Enumerable.Range(0, a.Random.Int(60, 140)).Select(i => $"u-w{seed}-{a.Random.Int(0, 199)}")).ToHashSet();
            day.Counts[stream] = Enumerable.Range(0, 30).Select(_ => (long)a.Random.Int(1, day.Viewers[stream].Count)).ToList();
        }

        return day;
    }

    /// <summary>Distinct buyers of the orders (refunded ones too: a refund takes back the money, not the purchase).</summary>
    public long BuyersOf(Func<OrderDto, bool> filter) => Orders.Where(filter).Select(o => o.BuyerId).Distinct().LongCount();

    /// <summary>Distinct viewers across the streams.</summary>
    public long ViewersOf(params string[] streams) => streams.SelectMany(s => Viewers[s]).Distinct().LongCount();

    /// <summary>Who earns the order, by the written rules, computed plainly.</summary>
    public string? ExpectedInfluencer(OrderDto o)
    {
        if (o.Attribution is not null)
        {
            return o.Attribution.HostId == o.BuyerId ? null : o.Attribution.HostId;
        }

        var last = Touches.Where(t => t.Buyer == o.BuyerId && t.Touch.At <= o.CreatedAt).Select(t => t.Touch).MaxBy(t => t.At);
        return last is null || o.CreatedAt - last.At > TimeSpan.FromDays(14) || last.InfluencerId == o.BuyerId ? null : last.InfluencerId;
    }

    public static decimal ExpectedCommission(OrderDto o, string influencer)
    {
        var item = o.Items[0];
        var rate = influencer == Mia
            ? (item.ProductId == "p-set" ? 25m : 10m)
            : (o.CreatedAt >= Start.AddHours(12) && item.ProductId != "p-set" ? 5m : 0m);
        return Math.Round(item.Quantity * item.UnitPrice * rate / 100m, 2, MidpointRounding.AwayFromZero);
    }

    public IEnumerable<OrderDto> Kept => Orders.Where(o => !Refunded.Contains(o.Id));

    public (long Orders, long Units, decimal Gmv, decimal Commission) ExpectedFor(string influencer, Func<OrderDto, bool>? filter = null)
    {
        var mine = Kept.Where(o => ExpectedInfluencer(o) == influencer && (filter?.Invoke(o) ?? true)).ToList();
        return (mine.Count, mine.Sum(o => o.Items[0].Quantity), mine.Sum(o => o.Total), mine.Sum(o => ExpectedCommission(o, influencer)));
    }

    public (long Orders, long Units, decimal Gmv, decimal Commission) ExpectedBrand(Func<OrderDto, bool>? filter = null)
    {
        var mine = Kept.Where(o => filter?.Invoke(o) ?? true).ToList();
        return (mine.Count, mine.Sum(o => o.Items[0].Quantity), mine.Sum(o => o.Total),
            mine.Sum(o => ExpectedInfluencer(o) is { } i ? ExpectedCommission(o, i) : 0m));
    }

    public static (long, long, decimal, decimal) Of(ReportRow? row) => row is null ? (0, 0, 0m, 0m) : (row.Orders, row.Units, row.Gmv, row.Commission);
}
