using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process event log: same seq and trimming semantics as the Redis Stream.</summary>
public sealed class LocalStreamEventLog(IOptions<RealtimeOptions> options) : IStreamEventLog
{
    private readonly ConcurrentDictionary<string, StreamLog> _logs = new();

    public Task<LiveEvent> AppendAsync(LiveEvent e, CancellationToken ct = default)
    {
        var log = _logs.GetOrAdd(e.StreamId, _ => new StreamLog());
        lock (log)
        {
            var sequenced = e with { Seq = ++log.Seq };
            log.Events.Enqueue(sequenced);
            while (log.Events.Count > options.Value.EventLogLength)
            {
                log.Events.Dequeue();
            }

            return Task.FromResult(sequenced);
        }
    }

    public Task<long> CurrentSeqAsync(string streamId, CancellationToken ct = default)
    {
        if (!_logs.TryGetValue(streamId, out var log))
        {
            return Task.FromResult(0L);
        }

        lock (log)
        {
            return Task.FromResult(log.Seq);
        }
    }

    public Task<IReadOnlyList<LiveEvent>?> ReadAfterAsync(string streamId, long afterSeq, int max, CancellationToken ct = default)
    {
        if (!_logs.TryGetValue(streamId, out var log))
        {
            return Task.FromResult<IReadOnlyList<LiveEvent>?>([]);
        }

        lock (log)
        {
            if (afterSeq >= log.Seq)
            {
                return Task.FromResult<IReadOnlyList<LiveEvent>?>([]);
            }

            var missed = log.Events.Where(e => e.Seq > afterSeq).ToList();
            var complete = log.Seq - afterSeq <= max && missed.Count > 0 && missed[0].Seq == afterSeq + 1;
            return Task.FromResult<IReadOnlyList<LiveEvent>?>(complete ? missed : null);
        }
    }

    private sealed class StreamLog
    {
        public long Seq { get; set; }

        public Queue<LiveEvent> Events { get; } = new();
    }
}
