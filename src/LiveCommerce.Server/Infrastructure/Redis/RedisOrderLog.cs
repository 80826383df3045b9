using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Orders;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>XADD to the order log (a Stream: ids are ms timestamps, so a day is one XRANGE) and ZADD to the buyer's list.</summary>
public sealed class RedisOrderLog(IConnectionMultiplexer redis, RedisKeys keys) : IOrderLog
{
    private IDatabase Db => redis.GetDatabase();

    public async Task AppendAsync(OrderDto order, CancellationToken ct = default)
    {
        var json = RedisJson.Write(order);
        // Both awaited: the caller confirms the order to the buyer only after these return.
        await Task.WhenAll(
            Db.StreamAddAsync(keys.OrderLog, [new NameValueEntry("id", order.Id), new NameValueEntry("order", json)]),
            Db.SortedSetAddAsync(keys.BuyerOrders(order.BuyerId), json, order.CreatedAt.ToUnixTimeMilliseconds()));
    }

    public async Task<IReadOnlyList<OrderDto>> ListForBuyerAsync(string buyerId, int limit, CancellationToken ct = default) =>
        (await Db.SortedSetRangeByRankAsync(keys.BuyerOrders(buyerId), 0, limit - 1, Order.Descending))
            .Select(v => RedisJson.Read<OrderDto>(v!)).ToList();

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
                if (seen.Add(e["id"]!))
                {
                    orders.Add(RedisJson.Read<OrderDto>(e["order"]!));
                }
            }

            if (entries.Length < 1000)
            {
                return orders;
            }

            start = "(" + entries[^1].Id;
        }
    }

    public Task<bool> TryClaimArchiveAsync(DateOnly day, CancellationToken ct = default) =>
        Db.StringSetAsync(keys.OrderArchiveClaim(day), 1, TimeSpan.FromDays(30), When.NotExists);
}
