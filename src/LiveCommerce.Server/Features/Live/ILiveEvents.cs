using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Live;

/// <summary>What handlers call to tell a stream's viewers something happened (sequenced and fanned out).</summary>
public interface ILiveEvents
{
    Task<TEvent> PublishAsync<TEvent>(TEvent e, CancellationToken ct = default)
        where TEvent : LiveEvent;

    /// <summary>
    /// Appends, runs <paramref name="beforeSend"/> with the sequenced event (to store what a join
    /// snapshot reads, keyed by its seq), then sends: a viewer who joins once the event is on the wire
    /// finds that state already stored, so the snapshot never covers a seq without its content.
    /// </summary>
    Task<TEvent> PublishAsync<TEvent>(TEvent e, Func<TEvent, Task> beforeSend, CancellationToken ct = default)
        where TEvent : LiveEvent;
}
