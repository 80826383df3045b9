using LiveCommerce.Server.Features.Attribution;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>Projected totals in hashes of integers under one hash tag; apply and reverse are Lua scripts.</summary>
public sealed class RedisEarningsStore(IConnectionMultiplexer redis, RedisKeys keys) : IEarningsStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<bool> ApplyOrderAsync(string orderId, IReadOnlyList<ProjectionDelta> deltas, CancellationToken ct = default)
    {
        var (bucketKeys, args) = Triples(deltas, offset: 1);
        RedisKey[] allKeys = [keys.EarningsApplied, .. bucketKeys];
        RedisValue[] allArgs = [orderId, RedisJson.Write(deltas), .. args];
        return (int)await Db.ScriptEvaluateAsync(RedisScripts.EarningsApply, allKeys, allArgs) == 1;
    }

    public async Task<ReversalOutcome> ApplyReversalAsync(string orderId, CancellationToken ct = default)
    {
        var record = await Db.HashGetAsync(keys.EarningsApplied, orderId);
        if (record.IsNull)
        {
            return ReversalOutcome.NotProjected;
        }

        var (bucketKeys, args) = Triples(RedisJson.Read<List<ProjectionDelta>>(record!).Select(d => d with { Amount = -d.Amount }).ToList(), offset: 2);
        RedisKey[] allKeys = [keys.EarningsApplied, keys.EarningsReversed, .. bucketKeys];
        RedisValue[] allArgs = [orderId, .. args];
        return (int)await Db.ScriptEvaluateAsync(RedisScripts.EarningsReverse, allKeys, allArgs) switch
        {
            1 => ReversalOutcome.Reversed,
            0 => ReversalOutcome.AlreadyReversed,
            _ => ReversalOutcome.NotProjected,
        };
    }

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, long>>> ReadAsync(IReadOnlyList<string> buckets, CancellationToken ct = default)
    {
        var reads = buckets.Select(b => Db.HashGetAllAsync(keys.EarningsBucket(b))).ToList();
        var results = await Task.WhenAll(reads);
        return results.Select(r => (IReadOnlyDictionary<string, long>)r.ToDictionary(e => (string)e.Name!, e => (long)e.Value, StringComparer.Ordinal)).ToList();
    }

    public async Task<string?> GetCheckpointAsync(CancellationToken ct = default) => await Db.StringGetAsync(keys.EarningsCheckpoint);

    public Task SetCheckpointAsync(string position, CancellationToken ct = default) => Db.StringSetAsync(keys.EarningsCheckpoint, position);

    /// <summary>Distinct bucket keys (their KEYS index is shifted by the <paramref name="offset"/> keys before them) and the (index, field, amount) triples.</summary>
    private (List<RedisKey> Keys, List<RedisValue> Args) Triples(IReadOnlyList<ProjectionDelta> deltas, int offset)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var bucketKeys = new List<RedisKey>();
        var args = new List<RedisValue>(deltas.Count * 3);
        foreach (var d in deltas)
        {
            if (!index.TryGetValue(d.Bucket, out var i))
            {
                bucketKeys.Add(keys.EarningsBucket(d.Bucket));
                i = index[d.Bucket] = bucketKeys.Count;
            }

            args.Add(i + offset);
            args.Add(d.Field);
            args.Add(d.Amount);
        }

        return (bucketKeys, args);
    }
}

/// <summary>Share links as json strings; a viewer's touches in a sorted set trimmed to the newest 50 (90 days).</summary>
public sealed class RedisShareLinkStore(IConnectionMultiplexer redis, RedisKeys keys) : IShareLinkStore
{
    private const int KeepTouches = 50;

    private IDatabase Db => redis.GetDatabase();

    public Task<bool> TryCreateAsync(ShareLink link, CancellationToken ct = default) =>
        Db.StringSetAsync(keys.ShareLink(link.Code), RedisJson.Write(link), when: When.NotExists);

    public async Task<ShareLink?> GetAsync(string code, CancellationToken ct = default)
    {
        var json = await Db.StringGetAsync(keys.ShareLink(code));
        return json.IsNull ? null : RedisJson.Read<ShareLink>(json!);
    }

    public async Task RecordTouchAsync(string viewerKey, Touch touch, CancellationToken ct = default)
    {
        var key = keys.Touches(viewerKey);
        var tx = Db.CreateTransaction();
        _ = tx.SortedSetAddAsync(key, RedisJson.Write(touch), touch.At.ToUnixTimeMilliseconds());
        _ = tx.SortedSetRemoveRangeByRankAsync(key, 0, -KeepTouches - 1);
        _ = tx.KeyExpireAsync(key, TimeSpan.FromDays(90));
        await tx.ExecuteAsync();
    }

    public async Task<IReadOnlyList<Touch>> TouchesAsync(string viewerKey, DateTimeOffset before, CancellationToken ct = default) =>
        (await Db.SortedSetRangeByScoreAsync(keys.Touches(viewerKey), double.NegativeInfinity, before.ToUnixTimeMilliseconds(), order: Order.Descending, take: KeepTouches))
            .Select(v => RedisJson.Read<Touch>(v!)).ToList();
}
