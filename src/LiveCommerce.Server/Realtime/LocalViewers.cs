using System.Collections.Concurrent;

namespace LiveCommerce.Server.Realtime;

/// <summary>The watch sessions held by this node: what it must refresh, and clean up on disconnect.</summary>
public sealed class LocalViewers
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _streamsByConnection = new();

    public void Add(string connectionId, string streamId) =>
        _streamsByConnection.GetOrAdd(connectionId, _ => new()).TryAdd(streamId, 0);

    public bool Remove(string connectionId, string streamId) =>
        _streamsByConnection.TryGetValue(connectionId, out var streams) && streams.TryRemove(streamId, out _);

    public IReadOnlyCollection<string> RemoveConnection(string connectionId) =>
        _streamsByConnection.TryRemove(connectionId, out var streams) ? streams.Keys.ToArray() : [];

    /// <summary>Whether the connection joined the stream (a purchase may name only such a stream).</summary>
    public bool Watches(string connectionId, string streamId) =>
        _streamsByConnection.TryGetValue(connectionId, out var streams) && streams.ContainsKey(streamId);

    public IReadOnlyCollection<(string StreamId, string ConnectionId)> Sessions() =>
        _streamsByConnection.SelectMany(c => c.Value.Keys.Select(s => (s, c.Key))).ToArray();

    public IReadOnlyCollection<string> Streams() =>
        _streamsByConnection.Values.SelectMany(s => s.Keys).Distinct().ToArray();
}
