using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Orders;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>XADD to the order log (a Stream: ids are ms timestamps, so a day is one XRANGE) and ZADD to the buyer's and the brand's lists.</summary>
public sealed class RedisOrderLog(IConnectionMultiplexer redis, RedisKeys keys) : IOrderLog
{
    private IDatabase Db => redis.GetDatabase();

    public async Task AppendAsync(OrderDto order, CancellationToken ct = default)
    {
        var json = StoredJson.Write(order);
        // Both awaited: the caller confirms the order to the buyer only after these return.
        await Task.WhenAll(
            Db.StreamAddAsync(keys.OrderLog, [new NameValueEntry("id", order.Id), new NameValueEntry("order", json)]),
            Db.SortedSetAddAsync(keys.BuyerOrders(order.BuyerId), json, order.CreatedAt.ToUnixTimeMilliseconds()),
            Db.SortedSetAddAsync(keys.BrandOrders(order.BrandId), json, order.CreatedAt.ToUnixTimeMilliseconds()));
    }

    public async Task<IReadOnlyList<OrderDto>> ListForBuyerAsync(string buyerId, int limit, CancellationToken ct = default) =>
        (await Db.SortedSetRangeByRankAsync(keys.BuyerOrders(buyerId), 0, limit - 1, Order.Descending))
            .Select(v => StoredJson.Read<OrderDto>(v!)).ToList();

    /// <summary>The same order appended twice is the same json, so one member; ids are de-duplicated anyway.</summary>
    public async Task<IReadOnlyList<OrderDto>> ListForBrandAsync(string brandId, int limit, CancellationToken ct = default) =>
        (await Db.SortedSetRangeByRankAsync(keys.BrandOrders(brandId), 0, limit - 1, Order.Descending))
            .Select(v => StoredJson.Read<OrderDto>(v!)).DistinctBy(o => o.Id).ToList();

    public async Task<IReadOnlyList<OrderDto>> ReadDayAsync(DateOnly day, CancellationToken ct = default)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var to = from + (long)TimeSpan.FromDays(1).TotalMilliseconds - 1;
        var orders = new List<OrderDto>();
        var seen = new HashSet<string>();
        RedisValue start = $"{from}-0";
        while (true)
        {
            var entries = await Db.StreamRangeAsync(keys.OrderLog, start, $"{to}-18446744073709551615", count: 1000);
            foreach (var e in entries)
            {
                if (e["reversal"].IsNull && seen.Add(e["id"]!))
                {
                    orders.Add(StoredJson.Read<OrderDto>(e["order"]!));
                }
            }

            if (entries.Length < 1000)
            {
                return orders;
            }

            start = "(" + entries[^1].Id;
        }
    }

    public async Task AppendReversalAsync(OrderDto order, DateTimeOffset at, CancellationToken ct = default) =>
        await Db.StreamAddAsync(keys.OrderLog, [
            new NameValueEntry("id", order.Id), new NameValueEntry("order", StoredJson.Write(order)),
            new NameValueEntry("reversal", at.ToUnixTimeMilliseconds())]);

    public async Task<IReadOnlyList<OrderLogEntry>> ReadAfterAsync(string? after, int count, CancellationToken ct = default)
    {
        var entries = await Db.StreamRangeAsync(keys.OrderLog, after is null ? "-" : "(" + after, "+", count);
        return entries.Select(e =>
        {
            var order = StoredJson.Read<OrderDto>(e["order"]!);
            var reversal = e["reversal"];
            return new OrderLogEntry(e.Id!, order, !reversal.IsNull,
                reversal.IsNull ? order.CreatedAt : DateTimeOffset.FromUnixTimeMilliseconds((long)reversal));
        }).ToList();
    }

    public Task<bool> TryClaimArchiveAsync(DateOnly day, CancellationToken ct = default) =>
        Db.StringSetAsync(keys.OrderArchiveClaim(day), 1, TimeSpan.FromDays(30), When.NotExists);
}
