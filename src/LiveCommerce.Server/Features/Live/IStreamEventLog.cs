using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Live;

/// <summary>
/// The bounded, per-stream log of sequenced events. Appending assigns the next gap-free seq
/// atomically with the write, whichever node appends.
/// </summary>
public interface IStreamEventLog
{
    /// <summary>Stores the event and returns it with its seq.</summary>
    Task<LiveEvent> AppendAsync(LiveEvent e, CancellationToken ct = default);

    /// <summary>The seq of the stream's last event, 0 when it has none.</summary>
    Task<long> CurrentSeqAsync(string streamId, CancellationToken ct = default);

    /// <summary>
    /// Events with seq greater than <paramref name="afterSeq"/>, oldest first, at most <paramref name="max"/>.
    /// Null when the log no longer holds seq afterSeq + 1 (trimmed) or more than max are missing:
    /// the caller then needs a fresh snapshot.
    /// </summary>
    Task<IReadOnlyList<LiveEvent>?> ReadAfterAsync(string streamId, long afterSeq, int max, CancellationToken ct = default);
}
