using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Streams;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

public sealed class RedisStreamStore(IConnectionMultiplexer redis, RedisKeys keys) : IStreamStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<bool> TryCreateAsync(LiveStream stream, CancellationToken ct = default)
    {
        var created = (int)await RedisScripts.StreamCreate.EvaluateAsync(
            Db, [keys.Stream(stream.Id)], [StoredJson.Write(stream), stream.Status.ToString()]);
        await Db.SortedSetAddAsync(keys.StreamIndex(stream.Status), stream.Id, IndexScore(stream));
        await Db.SortedSetAddAsync(keys.HostStreams(stream.HostId), stream.Id, stream.ScheduledStart.ToUnixTimeMilliseconds());
        return created == 1;
    }

    public async Task<LiveStream?> GetAsync(string id, CancellationToken ct = default) =>
        Read(await Db.HashGetAllAsync(keys.Stream(id)));

    public async Task<IReadOnlyList<LiveStream>> ListAsync(StreamStatus status, int limit, CancellationToken ct = default)
    {
        var order = status == StreamStatus.Upcoming ? Order.Ascending : Order.Descending;
        var ids = await Db.SortedSetRangeByRankAsync(keys.StreamIndex(status), 0, (limit * 2) - 1, order);
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAllAsync(keys.Stream(id!))).ToArray();
        batch.Execute();
        var streams = new List<LiveStream>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            // The index is updated after the stream itself; an entry whose stream moved on is stale.
            if (Read(await reads[i]) is { } s && s.Status == status)
            {
                streams.Add(s);
            }
            else
            {
                await Db.SortedSetRemoveAsync(keys.StreamIndex(status), ids[i], CommandFlags.FireAndForget);
            }
        }

        return streams.Take(limit).ToList();
    }

    public async Task<IReadOnlyList<LiveStream>> ListByHostAsync(string hostId, int limit, CancellationToken ct = default)
    {
        var ids = await Db.SortedSetRangeByRankAsync(keys.HostStreams(hostId), 0, limit - 1, Order.Descending);
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAllAsync(keys.Stream(id!))).ToArray();
        batch.Execute();
        var streams = new List<LiveStream>(ids.Length);
        foreach (var read in reads)
        {
            if (Read(await read) is { } s)
            {
                streams.Add(s);
            }
        }

        return streams;
    }

    public async Task<bool> UpdateDetailsAsync(LiveStream stream, CancellationToken ct = default)
    {
        var updated = (int)await RedisScripts.StreamUpdate.EvaluateAsync(Db, [keys.Stream(stream.Id)], [StoredJson.Write(stream)]);
        if (updated == 1 && stream.Status == StreamStatus.Upcoming)
        {
            await Db.SortedSetAddAsync(keys.StreamIndex(stream.Status), stream.Id, IndexScore(stream));
            await Db.SortedSetAddAsync(keys.HostStreams(stream.HostId), stream.Id, stream.ScheduledStart.ToUnixTimeMilliseconds());
        }

        return updated == 1;
    }

    public async Task<LiveStream?> TryTransitionAsync(string id, StreamStatus from, StreamStatus to, DateTimeOffset at, CancellationToken ct = default)
    {
        var field = to == StreamStatus.Live ? "startedAt" : "endedAt";
        var moved = (int)await RedisScripts.StreamTransition.EvaluateAsync(
            Db, [keys.Stream(id)], [from.ToString(), to.ToString(), field, at.ToUnixTimeMilliseconds()]);
        if (moved != 1)
        {
            return null;
        }

        var stream = await GetAsync(id, ct);
        if (stream is not null)
        {
            await Db.SortedSetAddAsync(keys.StreamIndex(to), id, IndexScore(stream));
            await Db.SortedSetRemoveAsync(keys.StreamIndex(from), id);
        }

        return stream;
    }

    /// <summary>
    /// Puts every stream found in the status indexes into its host's list. Streams created before that
    /// list existed are in no host's list; adding (never overwriting) makes a repeat or a race harmless.
    /// </summary>
    public async Task<int> BackfillHostListsAsync(CancellationToken ct = default)
    {
        var added = 0;
        foreach (var status in Enum.GetValues<StreamStatus>())
        {
            await foreach (var entry in Db.SortedSetScanAsync(keys.StreamIndex(status), pageSize: 500).WithCancellation(ct))
            {
                if (await GetAsync(entry.Element!, ct) is { } s
                    && await Db.SortedSetAddAsync(keys.HostStreams(s.HostId), s.Id, s.ScheduledStart.ToUnixTimeMilliseconds(), SortedSetWhen.NotExists))
                {
                    added++;
                }
            }
        }

        return added;
    }

    private static double IndexScore(LiveStream s) => (s.Status switch
    {
        StreamStatus.Live => s.StartedAt ?? s.ScheduledStart,
        StreamStatus.Ended => s.EndedAt ?? s.ScheduledStart,
        _ => s.ScheduledStart,
    }).ToUnixTimeMilliseconds();

    private static LiveStream? Read(HashEntry[] hash)
    {
        if (hash.Length == 0)
        {
            return null;
        }

        var fields = hash.ToDictionary(h => h.Name.ToString(), h => h.Value);
        var stream = StoredJson.Read<LiveStream>(fields["json"]!);
        return stream with
        {
            Status = Enum.Parse<StreamStatus>(fields["status"]!),
            StartedAt = Time(fields.GetValueOrDefault("startedAt")),
            EndedAt = Time(fields.GetValueOrDefault("endedAt")),
        };
    }

    private static DateTimeOffset? Time(RedisValue value) =>
        value.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds((long)value) : null;
}
