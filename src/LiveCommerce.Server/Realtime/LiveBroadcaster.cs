using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Turns domain events into pushes: appends each event to the stream's log (which gives it its
/// seq), then sends it once to the stream's group. Group sends serialize once per protocol and,
/// with the Redis backplane, reach the group's members on every node. An event published
/// without <see cref="LiveEvent.At"/> is stamped with the server's clock here, so every event
/// says when the server sent it (clients and the benchmarks measure delivery latency from it).
/// </summary>
public sealed class LiveBroadcaster(IHubContext<LiveHub, ILiveClient> hub, IStreamEventLog log, TimeProvider clock) : ILiveEvents
{
    public Task<TEvent> PublishAsync<TEvent>(TEvent e, CancellationToken ct = default)
        where TEvent : LiveEvent => PublishAsync(e, _ => Task.CompletedTask, ct);

    public async Task<TEvent> PublishAsync<TEvent>(TEvent e, Func<TEvent, Task> beforeSend, CancellationToken ct = default)
        where TEvent : LiveEvent
    {
        if (e.At == default)
        {
            e = e with { At = clock.GetUtcNow() };
        }

        var sequenced = (TEvent)await log.AppendAsync(e, ct);
        await beforeSend(sequenced);
        await SendAsync(hub.Clients.Group(LiveHub.Group(e.StreamId)), sequenced);
        return sequenced;
    }

    public async Task SendCatchUpAsync(string connectionId, IReadOnlyList<LiveEvent> missed, CancellationToken ct)
    {
        var client = hub.Clients.Client(connectionId);
        foreach (var e in missed)
        {
            ct.ThrowIfCancellationRequested();
            await SendAsync(client, e);
        }
    }

    public Task SendViewerCountAsync(string streamId, int viewers) =>
        hub.Clients.Group(LiveHub.Group(streamId)).ViewerCountChanged(new ViewerCountChanged(streamId, viewers));

    /// <summary>
    /// To the given connections of this node, each written to directly. One connection at a time on purpose: with
    /// the Redis backplane a send to one connection of this node skips Redis, while a send to a list publishes a
    /// Redis message per connection — the at-most-once path whose losses the head is there to make up for.
    /// </summary>
    public Task SendHeadAsync(IReadOnlyList<string> connectionIds, StreamHead head) =>
        Task.WhenAll(connectionIds.Select(id => hub.Clients.Client(id).StreamHead(head)));

    private static Task SendAsync(ILiveClient client, LiveEvent e) => LiveEventDispatch.Send(client, e);
}
