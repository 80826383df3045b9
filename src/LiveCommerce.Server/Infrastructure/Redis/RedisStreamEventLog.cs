using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

public sealed class RedisStreamEventLog(IConnectionMultiplexer redis, RedisKeys keys, IOptions<RealtimeOptions> options) : IStreamEventLog
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<LiveEvent> AppendAsync(LiveEvent e, CancellationToken ct = default)
    {
        // Stored with seq 0: the entry id is the seq, so the payload never disagrees with it.
        var json = StoredJson.Write<LiveEvent>(e with { Seq = 0 });
        var seq = (long)await RedisScripts.EventAppend.EvaluateAsync(
            Db,
            [keys.StreamSeq(e.StreamId), keys.StreamEvents(e.StreamId)],
            [json, options.Value.EventLogLength]);
        return e with { Seq = seq };
    }

    public async Task<long> CurrentSeqAsync(string streamId, CancellationToken ct = default) =>
        (long?)await Db.StringGetAsync(keys.StreamSeq(streamId)) ?? 0;

    public async Task<IReadOnlyList<LiveEvent>?> ReadAfterAsync(string streamId, long afterSeq, int max, CancellationToken ct = default)
    {
        var current = await CurrentSeqAsync(streamId, ct);
        if (afterSeq >= current)
        {
            return [];
        }

        if (current - afterSeq > max)
        {
            return null;
        }

        var entries = await Db.StreamRangeAsync(keys.StreamEvents(streamId), $"{afterSeq + 1}-0", "+", count: max);
        var events = new List<LiveEvent>(entries.Length);
        foreach (var entry in entries)
        {
            var seq = long.Parse(entry.Id.ToString().AsSpan(0, entry.Id.ToString().IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
            events.Add(StoredJson.Read<LiveEvent>(entry["e"]!) with { Seq = seq });
        }

        // A trimmed log no longer starts right after afterSeq: the client needs a snapshot.
        return events.Count > 0 && events[0].Seq == afterSeq + 1 ? events : null;
    }
}
