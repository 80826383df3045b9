using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>
/// The whole key schema. Keys of one stream share the hash tag <c>{stream:ID}</c>, so every
/// script touches one slot and the design runs unchanged on Redis Cluster. Cross-stream indexes
/// are written separately and tolerated stale (readers re-check the stream itself).
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>Hash: json (details), status, startedAt, endedAt.</summary>
    public string Stream(string id) => $"{Prefix}:{{stream:{id}}}";

    /// <summary>Counter: last seq handed out.</summary>
    public string StreamSeq(string id) => $"{Prefix}:{{stream:{id}}}:seq";

    /// <summary>Redis Stream of sequenced events; entry id is "seq-0".</summary>
    public string StreamEvents(string id) => $"{Prefix}:{{stream:{id}}}:events";

    /// <summary>Sorted set: connection id → expiry (ms since epoch, Redis clock).</summary>
    public string Viewers(string id) => $"{Prefix}:{{stream:{id}}}:viewers";

    public string ViewerCountLock(string id) => $"{Prefix}:{{stream:{id}}}:viewers:lock";

    public string ViewerCountLast(string id) => $"{Prefix}:{{stream:{id}}}:viewers:last";

    /// <summary>Sorted set of stream ids by status (upcoming by scheduled start; live, ended by time).</summary>
    public string StreamIndex(StreamStatus status) => $"{Prefix}:streams:{status.ToString().ToLowerInvariant()}";

    /// <summary>
    /// The keys of one flash sale, all under the hash tag <c>{sale:ID}</c>, in the order the
    /// flash_*.lua scripts expect (see flash_common.lua).
    /// </summary>
    public StackExchange.Redis.RedisKey[] Sale(string id)
    {
        var root = $"{Prefix}:{{sale:{id}}}";
        return [root, root + ":holds", root + ":holdrec", root + ":buyers", root + ":idem", root + ":waitlist", root + ":orders", root + ":waiting"];
    }

    /// <summary>Set NX with a short expiry: who pushes the sale's stock this interval.</summary>
    public string SaleStockPush(string id) => $"{Prefix}:{{sale:{id}}}:push";

    /// <summary>Set of sale ids listing the stream (written after the sale; readers re-check).</summary>
    public string StreamSales(string streamId) => $"{Prefix}:{{stream:{streamId}}}:sales";

    /// <summary>
    /// Scheduler due queue: "start|saleId"/"end|saleId" → due time (ms). It spans sales, so it is its
    /// own slot; it only holds ids, and each script touching it touches nothing else.
    /// </summary>
    public string SalesDue => $"{Prefix}:sales:due";

    /// <summary>Sorted set: sale id → until when its holds need sweeping (ms).</summary>
    public string SalesTracked => $"{Prefix}:sales:tracked";

    /// <summary>The append-only order log (Redis Stream) across sales, for projectors and the daily archive.</summary>
    public string OrderLog => $"{Prefix}:orders:log";

    /// <summary>Sorted set: a buyer's orders (json) by time.</summary>
    public string BuyerOrders(string buyerId) => $"{Prefix}:{{buyer:{buyerId}}}:orders";

    /// <summary>Set NX: the day's archive was taken by a node.</summary>
    public string OrderArchiveClaim(DateOnly day) => $"{Prefix}:orders:archived:{day:yyyy-MM-dd}";
}
