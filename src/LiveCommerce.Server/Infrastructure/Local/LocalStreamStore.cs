using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Streams;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process streams for a single node with nothing installed.</summary>
public sealed class LocalStreamStore : IStreamStore
{
    private readonly ConcurrentDictionary<string, LiveStream> _streams = new();
    private readonly Lock _transitions = new();

    public Task<bool> TryCreateAsync(LiveStream stream, CancellationToken ct = default) =>
        Task.FromResult(_streams.TryAdd(stream.Id, stream));

    public Task<LiveStream?> GetAsync(string id, CancellationToken ct = default) =>
        Task.FromResult(_streams.GetValueOrDefault(id));

    public Task<IReadOnlyList<LiveStream>> ListAsync(StreamStatus status, int limit, CancellationToken ct = default)
    {
        var matching = _streams.Values.Where(s => s.Status == status);
        var ordered = status switch
        {
            StreamStatus.Upcoming => matching.OrderBy(s => s.ScheduledStart),
            StreamStatus.Live => matching.OrderByDescending(s => s.StartedAt),
            _ => matching.OrderByDescending(s => s.EndedAt),
        };
        return Task.FromResult<IReadOnlyList<LiveStream>>(ordered.Take(limit).ToList());
    }

    public Task<IReadOnlyList<LiveStream>> ListByHostAsync(string hostId, int limit, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LiveStream>>(
            _streams.Values.Where(s => s.HostId == hostId).OrderByDescending(s => s.ScheduledStart).ThenBy(s => s.Id, StringComparer.Ordinal).Take(limit).ToList());

    public Task<bool> UpdateDetailsAsync(LiveStream stream, CancellationToken ct = default)
    {
        lock (_transitions)
        {
            if (!_streams.TryGetValue(stream.Id, out var current))
            {
                return Task.FromResult(false);
            }

            _streams[stream.Id] = stream with { Status = current.Status, StartedAt = current.StartedAt, EndedAt = current.EndedAt };
            return Task.FromResult(true);
        }
    }

    public Task<LiveStream?> TryTransitionAsync(string id, StreamStatus from, StreamStatus to, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (_transitions)
        {
            if (!_streams.TryGetValue(id, out var current) || current.Status != from)
            {
                return Task.FromResult<LiveStream?>(null);
            }

            var moved = to == StreamStatus.Live
                ? current with { Status = to, StartedAt = at }
                : current with { Status = to, EndedAt = at };
            _streams[id] = moved;
            return Task.FromResult<LiveStream?>(moved);
        }
    }
}
