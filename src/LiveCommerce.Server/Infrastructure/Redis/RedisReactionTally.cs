using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Comments;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

public sealed class RedisReactionTally(IConnectionMultiplexer redis, RedisKeys keys) : IReactionTally
{
    private IDatabase Db => redis.GetDatabase();

    public Task AddAsync(string streamId, IReadOnlyList<int> counts, CancellationToken ct = default)
    {
        var batch = Db.CreateBatch();
        var key = keys.Reactions(streamId);
        var writes = new List<Task>();
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] > 0)
            {
                writes.Add(batch.HashIncrementAsync(key, ReactionKinds.All[i], counts[i]));
            }
        }

        batch.Execute();
        return Task.WhenAll(writes);
    }

    public async Task<int[]?> ClaimAsync(string streamId, TimeSpan window, CancellationToken ct = default)
    {
        var result = await RedisScripts.ReactionsClaim.EvaluateAsync(
            Db, [keys.Reactions(streamId), keys.ReactionsLock(streamId)], [(long)window.TotalMilliseconds]);
        if (result.IsNull)
        {
            return null;
        }

        var flat = (RedisResult[])result!;
        var counts = new int[ReactionKinds.All.Count];
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            var index = ReactHandler.IndexOf((string)flat[i]!);
            if (index >= 0)
            {
                counts[index] = (int)flat[i + 1];
            }
        }

        return counts;
    }
}
