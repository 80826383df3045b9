using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>
/// Keeps each stream's most recent events in this node's memory in front of the shared log. In a
/// reconnect storm thousands of viewers ask for the same few events at once; without this, each
/// asks Redis and deserializes them again. Events are immutable and identified by seq, so a cached
/// range is served only when it is complete; anything else reads through (one reader per stream).
/// </summary>
public sealed class CachedStreamEventLog(IStreamEventLog inner, IOptions<RealtimeOptions> options) : IStreamEventLog
{
    private readonly ConcurrentDictionary<string, Tail> _tails = new();

    public async Task<LiveEvent> AppendAsync(LiveEvent e, CancellationToken ct = default)
    {
        var sequenced = await inner.AppendAsync(e, ct);
        TailOf(e.StreamId).Add([sequenced]);
        return sequenced;
    }

    public Task<long> CurrentSeqAsync(string streamId, CancellationToken ct = default) => inner.CurrentSeqAsync(streamId, ct);

    public async Task<IReadOnlyList<LiveEvent>?> ReadAfterAsync(string streamId, long afterSeq, int max, CancellationToken ct = default)
    {
        var current = await inner.CurrentSeqAsync(streamId, ct);
        if (afterSeq >= current)
        {
            return [];
        }

        if (current - afterSeq > max)
        {
            return null;
        }

        var tail = TailOf(streamId);
        if (tail.TryRange(afterSeq + 1, current) is { } hit)
        {
            return hit;
        }

        // One reader per stream refills the tail; the others wait and then find it there.
        await tail.Refill.WaitAsync(ct);
        try
        {
            if (tail.TryRange(afterSeq + 1, current) is { } filled)
            {
                return filled;
            }

            var read = await inner.ReadAfterAsync(streamId, afterSeq, max, ct);
            if (read is not null)
            {
                tail.Add(read);
            }

            return read;
        }
        finally
        {
            tail.Refill.Release();
        }
    }

    private Tail TailOf(string streamId) => _tails.GetOrAdd(streamId, _ => new Tail(options.Value.MaxCatchUpEvents));

    private sealed class Tail(int capacity)
    {
        private readonly SortedList<long, LiveEvent> _events = [];
        private readonly Lock _lock = new();

        public SemaphoreSlim Refill { get; } = new(1, 1);

        public void Add(IEnumerable<LiveEvent> events)
        {
            lock (_lock)
            {
                foreach (var e in events)
                {
                    _events[e.Seq] = e;
                }

                while (_events.Count > capacity)
                {
                    _events.RemoveAt(0);
                }
            }
        }

        /// <summary>Events from..to when every one of them is here, else null.</summary>
        public IReadOnlyList<LiveEvent>? TryRange(long from, long to)
        {
            lock (_lock)
            {
                var start = _events.IndexOfKey(from);
                var end = _events.IndexOfKey(to);
                if (start < 0 || end < 0 || end - start != to - from)
                {
                    return null;
                }

                var range = new LiveEvent[end - start + 1];
                for (var i = start; i <= end; i++)
                {
                    range[i - start] = _events.Values[i];
                }

                return range;
            }
        }
    }
}
