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

    /// <summary>Hash: keyver (stream-key version), publisher + seen (ms), until (reconnect deadline, ms), ended.</summary>
    public string Ingest(string id) => $"{Prefix}:{{stream:{id}}}:ingest";

    /// <summary>Sorted set: stream id → reconnect deadline (ms); an index, re-checked against <see cref="Ingest"/>.</summary>
    public string IngestDue => $"{Prefix}:ingest:due";

    /// <summary>Counter: last seq handed out.</summary>
    public string StreamSeq(string id) => $"{Prefix}:{{stream:{id}}}:seq";

    /// <summary>Redis Stream of sequenced events; entry id is "seq-0".</summary>
    public string StreamEvents(string id) => $"{Prefix}:{{stream:{id}}}:events";

    /// <summary>Sorted set: connection id → expiry (ms since epoch, Redis clock).</summary>
    public string Viewers(string id) => $"{Prefix}:{{stream:{id}}}:viewers";

    public string ViewerCountLock(string id) => $"{Prefix}:{{stream:{id}}}:viewers:lock";

    public string ViewerCountLast(string id) => $"{Prefix}:{{stream:{id}}}:viewers:last";

    /// <summary>List of the newest comments as json {seq, comment}, oldest first, trimmed.</summary>
    public string CommentsRecent(string id) => $"{Prefix}:{{stream:{id}}}:comments";

    /// <summary>String: the pinned announcement (json).</summary>
    public string CommentsAnnouncement(string id) => $"{Prefix}:{{stream:{id}}}:comments:announcement";

    /// <summary>Hash comment id → json, and sorted set comment id → position (order, trimming).</summary>
    public string Questions(string id) => $"{Prefix}:{{stream:{id}}}:questions";

    public string QuestionsOrder(string id) => $"{Prefix}:{{stream:{id}}}:questions:order";

    /// <summary>Set of banned user ids.</summary>
    public string Bans(string id) => $"{Prefix}:{{stream:{id}}}:bans";

    /// <summary>String with TTL: the user is timed out while it exists.</summary>
    public string Timeout(string id, string userId) => $"{Prefix}:{{stream:{id}}}:timeout:{userId}";

    /// <summary>String with TTL = slow-mode delay: the user's last comment is too recent while it exists.</summary>
    public string SlowModeGate(string id, string userId) => $"{Prefix}:{{stream:{id}}}:slow:{userId}";

    /// <summary>Sorted set: the user's accepted comments (member unique, score ms), the sliding rate window.</summary>
    public string CommentRate(string id, string userId) => $"{Prefix}:{{stream:{id}}}:rate:{userId}";

    /// <summary>String: slow-mode delay in seconds (absent = off).</summary>
    public string SlowMode(string id) => $"{Prefix}:{{stream:{id}}}:slowmode";

    /// <summary>Set of moderator user ids.</summary>
    public string Moderators(string id) => $"{Prefix}:{{stream:{id}}}:moderators";

    /// <summary>Set of blocked words of a stream.</summary>
    public string StreamBlockedWords(string id) => $"{Prefix}:{{stream:{id}}}:blocked-words";

    /// <summary>Set of brand ids whose blocked words apply to the stream.</summary>
    public string StreamBrands(string id) => $"{Prefix}:{{stream:{id}}}:brands";

    /// <summary>Set of blocked words of a brand.</summary>
    public string BrandBlockedWords(string brandId) => $"{Prefix}:{{brand:{brandId}}}:blocked-words";

    /// <summary>Hash reaction kind → taps not yet pushed, and the lock that makes one push per window.</summary>
    public string Reactions(string id) => $"{Prefix}:{{stream:{id}}}:reactions";

    public string ReactionsLock(string id) => $"{Prefix}:{{stream:{id}}}:reactions:lock";

    /// <summary>Sorted set of one host's stream ids by scheduled start (the studio's "my streams").</summary>
    public string HostStreams(string hostId) => $"{Prefix}:streams:host:{hostId}";

    /// <summary>Sorted set of stream ids by status (upcoming by scheduled start; live, ended by time).</summary>
    public string StreamIndex(StreamStatus status) => $"{Prefix}:streams:{status.ToString().ToLowerInvariant()}";

    /// <summary>Hash: json (product details). Images live in <see cref="ProductImages"/>.</summary>
    public string Product(string id) => $"{Prefix}:{{product:{id}}}";

    /// <summary>List of image URLs, appended atomically.</summary>
    public string ProductImages(string id) => $"{Prefix}:{{product:{id}}}:images";

    /// <summary>Sorted set: a brand's product ids by creation time.</summary>
    public string BrandProducts(string brandId) => $"{Prefix}:brand:{brandId}:products";

    /// <summary>String: partnership json, one per brand and host.</summary>
    public string Partnership(string brandId, string hostId) => $"{Prefix}:partnership:{brandId}:{hostId}";

    public string BrandPartners(string brandId) => $"{Prefix}:brand:{brandId}:partners";

    public string HostPartners(string hostId) => $"{Prefix}:host:{hostId}:partners";

    /// <summary>List: the stream's showcase product ids.</summary>
    public string StreamShowcase(string id) => $"{Prefix}:{{stream:{id}}}:showcase";

    /// <summary>Hash: product id → pin json.</summary>
    public string StreamPins(string id) => $"{Prefix}:{{stream:{id}}}:pins";

    /// <summary>Sorted set "streamId|productId|pinId" → expiry (ms). Cross-stream, tolerated stale.</summary>
    public string PinExpiries => $"{Prefix}:pins:expiring";
    /// <summary>
    /// The keys of one flash sale, all under the hash tag <c>{sale:ID}</c>, in the order the
    /// flash_*.lua scripts expect (see flash_common.lua).
    /// </summary>
    public StackExchange.Redis.RedisKey[] Sale(string id)
    {
        var root = $"{Prefix}:{{sale:{id}}}";
        return [root, root + ":holds", root + ":holdrec", root + ":buyers", root + ":idem", root + ":waitlist", root + ":orders", root + ":waiting"];
    }

    /// <summary>Sorted set: order id → created (ms), for committed orders not yet in the order log.</summary>
    public string SaleUnlogged(string id) => $"{Prefix}:{{sale:{id}}}:unlogged";

    /// <summary>Sorted set: hold id → when its payment intent was recorded (ms), until it is sold or the reconciler forgets it.</summary>
    public string SalePayments(string id) => $"{Prefix}:{{sale:{id}}}:payments";

    /// <summary>Hash: order id → "done:ms" or "pending:token:until-ms" (the refund's exactly-once claim).</summary>
    public string SaleRefunds(string id) => $"{Prefix}:{{sale:{id}}}:refunds";

    /// <summary>Sorted set of order json by created (ms): a brand's orders, newest last.</summary>
    public string BrandOrders(string brandId) => $"{Prefix}:{{brand:{brandId}}}:orders";

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

    // Attribution. The projected totals span influencers and brands, so they share one hash tag
    // ({earnings}): each projection script touches one slot. One slot holds them all — fine for the
    // write rate of orders; sharding by owner would need one script per owner (ADR 0002).

    /// <summary>Hash: order id → the deltas it added (json); the exactly-once guard.</summary>
    public string EarningsApplied => $"{Prefix}:{{earnings}}:applied";

    /// <summary>Hash: order id → 1 once reversed.</summary>
    public string EarningsReversed => $"{Prefix}:{{earnings}}:reversed";

    /// <summary>Hash of counters "{dimension}|{metric}" → integer (money in minor units).</summary>
    public string EarningsBucket(string bucket) => $"{Prefix}:{{earnings}}:b:{bucket}";

    /// <summary>String: the order-log position read so far by the projectors.</summary>
    public string EarningsCheckpoint => $"{Prefix}:{{earnings}}:checkpoint";

    // Audiences: one hash tag ({audience}) so a report counts distinct viewers or buyers across many
    // stream-days or cells in one PFCOUNT (a union), which Redis Cluster allows only within a slot.

    /// <summary>HyperLogLog: the viewers of a stream on a UTC day.</summary>
    public string AudienceViewers(string streamId, DateOnly day) => $"{Prefix}:{{audience}}:v:{streamId}:{day:yyyyMMdd}";

    /// <summary>Set: the streams a host had viewers in on a UTC day.</summary>
    public string AudienceHosted(string hostId, DateOnly day) => $"{Prefix}:{{audience}}:hosted:{hostId}:{day:yyyyMMdd}";

    /// <summary>Sorted set: stream id → its highest concurrent viewer count that UTC day.</summary>
    public string AudiencePeaks(DateOnly day) => $"{Prefix}:{{audience}}:peak:{day:yyyyMMdd}";

    /// <summary>HyperLogLog: the buyers of one report cell ("{bucket}|{dimension}").</summary>
    public string AudienceBuyers(string cell) => $"{Prefix}:{{audience}}:buyers:{cell}";

    /// <summary>String (json): a share link by code.</summary>
    public string ShareLink(string code) => $"{Prefix}:share:{code}";

    /// <summary>Sorted set: a viewer's newest touches (json) by time (ms).</summary>
    public string Touches(string viewerKey) => $"{Prefix}:{{touch:{viewerKey}}}";

    /// <summary>String: the account that claimed a signed-out browser's touches (same slot as its touches).</summary>
    public string TouchesOwner(string visitorKey) => $"{Prefix}:{{touch:{visitorKey}}}:owner";

    /// <summary>String: a payment webhook event handled (provider, event id), kept as long as providers retry.</summary>
    public string PaymentEvent(string provider, string eventId) => $"{Prefix}:payevt:{provider}:{eventId}";
}
