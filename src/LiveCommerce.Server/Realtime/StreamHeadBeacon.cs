using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Tells this node's viewers each stream's last seq whenever it has moved since the last time they
/// were told. Pushes between nodes ride Redis pub/sub, which delivers at most once: a message lost
/// there (a backplane reconnect, a node resubscribing late) is otherwise noticed only when a later
/// event arrives, and the last events of a burst have none. The head is read from the log and sent
/// to each viewer directly by its own node (<see cref="LiveBroadcaster.SendHeadAsync"/>), so it does not depend on the path that lost the push;
/// a client behind it rejoins from its last seq (<see cref="Contracts.Sequencing.SeqGate.Heard"/>).
/// </summary>
public sealed class StreamHeadBeacon(
    LocalViewers local,
    IStreamEventLog log,
    LiveBroadcaster broadcaster,
    TimeProvider clock,
    IOptions<RealtimeOptions> options,
    ILogger<StreamHeadBeacon> logger) : PeriodicWork(clock, logger)
{
    // Only this service's timer loop touches it.
    private readonly Dictionary<string, long> _told = [];

    protected override TimeSpan Interval => options.Value.StreamHeadInterval;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var viewersByStream = local.Sessions().GroupBy(s => s.StreamId, s => s.ConnectionId).ToList();
        foreach (var gone in _told.Keys.Except(viewersByStream.Select(g => g.Key)).ToList())
        {
            _told.Remove(gone);
        }

        foreach (var viewers in viewersByStream)
        {
            var head = await log.CurrentSeqAsync(viewers.Key, ct);
            if (head > 0 && (!_told.TryGetValue(viewers.Key, out var told) || told != head))
            {
                await broadcaster.SendHeadAsync([.. viewers], new StreamHead(viewers.Key, head));
                _told[viewers.Key] = head;
            }
        }
    }
}
