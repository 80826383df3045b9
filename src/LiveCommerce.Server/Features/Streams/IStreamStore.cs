using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>Where streams live: Redis when configured, memory otherwise. Both pass StreamStoreContract.</summary>
public interface IStreamStore
{
    /// <summary>Adds the stream unless one with its id exists. Returns false when it already did.</summary>
    Task<bool> TryCreateAsync(LiveStream stream, CancellationToken ct = default);

    Task<LiveStream?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>Streams with the given status, ordered by scheduled start (upcoming) or most recent first.</summary>
    Task<IReadOnlyList<LiveStream>> ListAsync(StreamStatus status, int limit, CancellationToken ct = default);

    /// <summary>One host's streams, whatever their status, latest scheduled start first.</summary>
    Task<IReadOnlyList<LiveStream>> ListByHostAsync(string hostId, int limit, CancellationToken ct = default);

    /// <summary>Replaces the editable details (title, description, urls, schedule); status is untouched.</summary>
    Task<bool> UpdateDetailsAsync(LiveStream stream, CancellationToken ct = default);

    /// <summary>
    /// Atomically moves the stream from <paramref name="from"/> to <paramref name="to"/>, stamping
    /// <paramref name="at"/>. Returns the stored stream after the move, or null when it was not in
    /// <paramref name="from"/> (so two concurrent "go live" calls succeed once).
    /// </summary>
    Task<LiveStream?> TryTransitionAsync(string id, StreamStatus from, StreamStatus to, DateTimeOffset at, CancellationToken ct = default);
}
