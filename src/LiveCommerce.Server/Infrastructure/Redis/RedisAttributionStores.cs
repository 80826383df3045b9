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
        RedisValue[] allArgs = [orderId, StoredJson.Write(deltas), .. args];
        return (int)await RedisScripts.EarningsApply.EvaluateAsync(Db, allKeys, allArgs) == 1;
    }

    public async Task<ReversalOutcome> ApplyReversalAsync(string orderId, CancellationToken ct = default)
    {
        var record = await Db.HashGetAsync(keys.EarningsApplied, orderId);
        if (record.IsNull)
        {
            return ReversalOutcome.NotProjected;
        }

        var (bucketKeys, args) = Triples(StoredJson.Read<List<ProjectionDelta>>(record!).Select(d => d with { Amount = -d.Amount }).ToList(), offset: 2);
        RedisKey[] allKeys = [keys.EarningsApplied, keys.EarningsReversed, .. bucketKeys];
        RedisValue[] allArgs = [orderId, .. args];
        return (int)await RedisScripts.EarningsReverse.EvaluateAsync(Db, allKeys, allArgs) switch
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
        Db.StringSetAsync(keys.ShareLink(link.Code), StoredJson.Write(link), when: When.NotExists);

    public async Task<ShareLink?> GetAsync(string code, CancellationToken ct = default)
    {
        var json = await Db.StringGetAsync(keys.ShareLink(code));
        return json.IsNull ? null : StoredJson.Read<ShareLink>(json!);
    }

    public async Task RecordTouchAsync(string viewerKey, Touch touch, CancellationToken ct = default)
    {
        var key = keys.Touches(viewerKey);
        var tx = Db.CreateTransaction();
        _ = tx.SortedSetAddAsync(key, StoredJson.Write(touch), touch.At.ToUnixTimeMilliseconds());
        _ = tx.SortedSetRemoveRangeByRankAsync(key, 0, -KeepTouches - 1);
        _ = tx.KeyExpireAsync(key, TimeSpan.FromDays(90));
        await tx.ExecuteAsync();
    }

    public async Task<IReadOnlyList<Touch>> TouchesAsync(string viewerKey, DateTimeOffset before, CancellationToken ct = default) =>
        (await Db.SortedSetRangeByScoreAsync(keys.Touches(viewerKey), double.NegativeInfinity, before.ToUnixTimeMilliseconds(), order: Order.Descending, take: KeepTouches))
            .Select(v => StoredJson.Read<Touch>(v!)).ToList();

    // SET NX then GET: the first claimant's id stays for as long as the touches could (90 days).
    public async Task<string> ClaimVisitorAsync(string visitorKey, string userId, CancellationToken ct = default)
    {
        var key = keys.TouchesOwner(visitorKey);
        await Db.StringSetAsync(key, userId, TimeSpan.FromDays(90), When.NotExists);
        return (string?)await Db.StringGetAsync(key) ?? userId;
    }

    public Task RemoveTouchesAsync(string viewerKey, IReadOnlyList<Touch> touches, CancellationToken ct = default) =>
        touches.Count == 0
            ? Task.CompletedTask
            : Db.SortedSetRemoveAsync(keys.Touches(viewerKey), touches.Select(t => (RedisValue)StoredJson.Write(t)).ToArray());
}

/// <summary>
/// Audiences as HyperLogLogs (12 KB at most each, however big the crowd) and per-day peak sorted sets,
/// all under {audience}, kept 400 days (reports cover at most 366).
/// </summary>
public sealed class RedisAudienceStore(IConnectionMultiplexer redis, RedisKeys keys) : IAudienceStore
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(400);

    private IDatabase Db => redis.GetDatabase();

    // Fire and forget: a join must not wait on analytics; Redis applies it in order with the join's other commands.
    public Task RecordViewerAsync(string streamId, string hostId, DateOnly day, string viewerId, CancellationToken ct = default) =>
        RedisScripts.AudienceView.EvaluateAsync(Db, [keys.AudienceViewers(streamId, day), keys.AudienceHosted(hostId, day)],
            [viewerId, streamId, (long)Keep.TotalSeconds], CommandFlags.FireAndForget);

    public async Task RecordConcurrentAsync(string streamId, DateOnly day, long viewers, CancellationToken ct = default)
    {
        var key = keys.AudiencePeaks(day);
        var batch = Db.CreateBatch();
        var add = batch.SortedSetAddAsync(key, streamId, viewers, SortedSetWhen.GreaterThan);
        var expire = batch.KeyExpireAsync(key, Keep);
        batch.Execute();
        await Task.WhenAll(add, expire);
    }

    public async Task RecordBuyerAsync(IReadOnlyList<string> cells, string buyerId, CancellationToken ct = default)
    {
        var batch = Db.CreateBatch();
        var writes = cells.SelectMany(c => new Task[]
        {
            batch.HyperLogLogAddAsync(keys.AudienceBuyers(c), buyerId),
            batch.KeyExpireAsync(keys.AudienceBuyers(c), Keep),
        }).ToList();
        batch.Execute();
        await Task.WhenAll(writes);
    }

    public async Task<IReadOnlyList<StreamDay>> HostedAsync(string hostId, IReadOnlyList<DateOnly> days, CancellationToken ct = default)
    {
        var reads = await Task.WhenAll(days.Select(d => Db.SetMembersAsync(keys.AudienceHosted(hostId, d))));
        return days.SelectMany((d, i) => reads[i].Select(s => new StreamDay(s!, d))).ToList();
    }

    public async Task<IReadOnlyList<AudienceCount>> CountViewersAsync(IReadOnlyList<IReadOnlyList<StreamDay>> groups, CancellationToken ct = default)
    {
        var counts = groups.Select(async group =>
        {
            if (group.Count == 0)
            {
                return new AudienceCount(0, 0);
            }

            var unique = Db.HyperLogLogLengthAsync(group.Select(sd => (RedisKey)keys.AudienceViewers(sd.StreamId, sd.Day)).ToArray());
            var peaks = group.GroupBy(sd => sd.Day)
                .Select(d => Db.SortedSetScoresAsync(keys.AudiencePeaks(d.Key), d.Select(sd => (RedisValue)sd.StreamId).ToArray())).ToList();
            var peak = (await Task.WhenAll(peaks)).SelectMany(p => p).Max(p => p ?? 0);
            return new AudienceCount(await unique, (long)peak);
        });
        return await Task.WhenAll(counts);
    }

    public async Task<IReadOnlyList<long>> CountBuyersAsync(IReadOnlyList<IReadOnlyList<string>> groups, CancellationToken ct = default) =>
        await Task.WhenAll(groups.Select(g => g.Count == 0
            ? Task.FromResult(0L)
            : Db.HyperLogLogLengthAsync(g.Select(c => (RedisKey)keys.AudienceBuyers(c)).ToArray())));
}
