using System.Collections.Concurrent;
using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process presence with the same expiry and push-claim semantics as Redis.</summary>
public sealed class LocalViewerPresence(IOptions<RealtimeOptions> options, TimeProvider clock) : IViewerPresence
{
    private readonly ConcurrentDictionary<string, StreamViewers> _streams = new();

    public Task JoinAsync(string streamId, string connectionId, CancellationToken ct = default)
    {
        var viewers = _streams.GetOrAdd(streamId, _ => new StreamViewers());
        lock (viewers)
        {
            viewers.Sessions[connectionId] = clock.GetUtcNow() + options.Value.ViewerTtl;
        }

        return Task.CompletedTask;
    }

    public Task LeaveAsync(string streamId, string connectionId, CancellationToken ct = default)
    {
        if (_streams.TryGetValue(streamId, out var viewers))
        {
            lock (viewers)
            {
                viewers.Sessions.Remove(connectionId);
            }
        }

        return Task.CompletedTask;
    }

    public async Task RefreshAsync(IReadOnlyCollection<(string StreamId, string ConnectionId)> sessions, CancellationToken ct = default)
    {
        foreach (var (streamId, connectionId) in sessions)
        {
            await JoinAsync(streamId, connectionId, ct);
        }
    }

    public Task<int> CountAsync(string streamId, CancellationToken ct = default)
    {
        if (!_streams.TryGetValue(streamId, out var viewers))
        {
            return Task.FromResult(0);
        }

        lock (viewers)
        {
            return Task.FromResult(CountLive(viewers));
        }
    }

    public Task<int?> ClaimCountUpdateAsync(string streamId, TimeSpan interval, CancellationToken ct = default)
    {
        var viewers = _streams.GetOrAdd(streamId, _ => new StreamViewers());
        lock (viewers)
        {
            var now = clock.GetUtcNow();
            if (now - viewers.LastPush < interval)
            {
                return Task.FromResult<int?>(null);
            }

            viewers.LastPush = now;
            var count = CountLive(viewers);
            if (count == viewers.LastCount)
            {
                return Task.FromResult<int?>(null);
            }

            viewers.LastCount = count;
            return Task.FromResult<int?>(count);
        }
    }

    private int CountLive(StreamViewers viewers)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in viewers.Sessions.Where(s => s.Value <= now).Select(s => s.Key).ToList())
        {
            viewers.Sessions.Remove(expired);
        }

        return viewers.Sessions.Count;
    }

    private sealed class StreamViewers
    {
        public Dictionary<string, DateTimeOffset> Sessions { get; } = [];

        public DateTimeOffset LastPush { get; set; } = DateTimeOffset.MinValue;

        public int LastCount { get; set; } = -1;
    }
}
