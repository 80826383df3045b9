using LiveCommerce.Server.Features.Streams;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>Each decision is one script on the stream's ingest hash; the due index is written after and re-checked.</summary>
public sealed class RedisIngestStore(IConnectionMultiplexer redis, RedisKeys keys) : IIngestStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<long> KeyVersionAsync(string streamId, CancellationToken ct = default) =>
        (long?)await Db.HashGetAsync(keys.Ingest(streamId), "keyver") ?? 0;

    public Task<long> RotateKeyAsync(string streamId, CancellationToken ct = default) =>
        Db.HashIncrementAsync(keys.Ingest(streamId), "keyver");

    public async Task<PublisherClaim> ClaimAsync(string streamId, string publisherId, DateTimeOffset now, TimeSpan lease, CancellationToken ct = default)
    {
        var result = (string)(await RedisScripts.IngestClaim.EvaluateAsync(
            Db, [keys.Ingest(streamId)], [publisherId, now.ToUnixTimeMilliseconds(), (long)lease.TotalMilliseconds]))!;
        if (result is "claimed" or "resumed")
        {
            await Db.SortedSetRemoveAsync(keys.IngestDue, streamId);
        }

        return Enum.Parse<PublisherClaim>(result, ignoreCase: true);
    }

    public async Task<bool> TouchAsync(string streamId, string publisherId, DateTimeOffset now, CancellationToken ct = default) =>
        (int)await RedisScripts.IngestTouch.EvaluateAsync(Db, [keys.Ingest(streamId)], [publisherId, now.ToUnixTimeMilliseconds()]) == 1;

    public async Task<bool> ReleaseAsync(string streamId, string publisherId, DateTimeOffset reconnectUntil, CancellationToken ct = default)
    {
        var until = reconnectUntil.ToUnixTimeMilliseconds();
        if ((int)await RedisScripts.IngestRelease.EvaluateAsync(Db, [keys.Ingest(streamId)], [publisherId, until]) != 1)
        {
            return false;
        }

        await Db.SortedSetAddAsync(keys.IngestDue, streamId, until);
        return true;
    }

    public async Task<IngestState> GetAsync(string streamId, CancellationToken ct = default)
    {
        var fields = await Db.HashGetAsync(keys.Ingest(streamId), ["publisher", "until", "ended"]);
        return new IngestState(
            fields[0].IsNull ? null : (string?)fields[0],
            fields[1].IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)fields[1]),
            fields[2] == "1");
    }

    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct = default) =>
        (await Db.SortedSetRangeByScoreAsync(keys.IngestDue, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: limit))
            .Select(id => (string)id!).ToList();

    public async Task<bool> TryExpireAsync(string streamId, DateTimeOffset now, CancellationToken ct = default)
    {
        var expired = (int)await RedisScripts.IngestExpire.EvaluateAsync(Db, [keys.Ingest(streamId)], [now.ToUnixTimeMilliseconds()]) == 1;
        if (expired || !(await GetAsync(streamId, ct)).ReconnectUntil.HasValue)
        {
            await Db.SortedSetRemoveAsync(keys.IngestDue, streamId);
        }

        return expired;
    }

    public async Task ForgetAsync(string streamId, CancellationToken ct = default)
    {
        await Db.HashSetAsync(keys.Ingest(streamId), "ended", "1");
        await Db.HashDeleteAsync(keys.Ingest(streamId), ["publisher", "seen", "until"]);
        await Db.SortedSetRemoveAsync(keys.IngestDue, streamId);
    }
}
