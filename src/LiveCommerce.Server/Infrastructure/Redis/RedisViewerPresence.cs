using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

public sealed class RedisViewerPresence(IConnectionMultiplexer redis, RedisKeys keys, IOptions<RealtimeOptions> options) : IViewerPresence
{
    private IDatabase Db => redis.GetDatabase();

    private long TtlMs => (long)options.Value.ViewerTtl.TotalMilliseconds;

    public Task JoinAsync(string streamId, string connectionId, CancellationToken ct = default) =>
        RedisScripts.ViewerJoin.EvaluateAsync(Db, [keys.Viewers(streamId)], [TtlMs, connectionId]);

    public Task LeaveAsync(string streamId, string connectionId, CancellationToken ct = default) =>
        Db.SortedSetRemoveAsync(keys.Viewers(streamId), connectionId);

    public async Task RefreshAsync(IReadOnlyCollection<(string StreamId, string ConnectionId)> sessions, CancellationToken ct = default)
    {
        var refreshes = sessions
            .GroupBy(s => s.StreamId)
            .Select(g => RedisScripts.ViewerJoin.EvaluateAsync(
                Db,
                [keys.Viewers(g.Key)],
                [TtlMs, .. g.Select(s => (RedisValue)s.ConnectionId)]));
        await Task.WhenAll(refreshes);
    }

    public async Task<int> CountAsync(string streamId, CancellationToken ct = default) =>
        (int)await RedisScripts.ViewerCount.EvaluateAsync(Db, [keys.Viewers(streamId)]);

    public async Task<int?> ClaimCountUpdateAsync(string streamId, TimeSpan interval, CancellationToken ct = default)
    {
        var count = (int)await RedisScripts.ViewerCountClaim.EvaluateAsync(
            Db,
            [keys.Viewers(streamId), keys.ViewerCountLock(streamId), keys.ViewerCountLast(streamId)],
            [(long)interval.TotalMilliseconds]);
        return count < 0 ? null : count;
    }
}
