using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Keeps this node's watch sessions alive in presence, and pushes viewer counts coalesced:
/// per stream, at most one push per interval across all nodes, and only when the count changed.
/// </summary>
public sealed class ViewerCountPublisher(
    LocalViewers local,
    IViewerPresence presence,
    LiveBroadcaster broadcaster,
    IAudienceStore audience,
    IHostMetricsNotifier metrics,
    TimeProvider clock,
    IOptions<RealtimeOptions> options,
    ILogger<ViewerCountPublisher> logger) : PeriodicWork(clock, logger)
{
    private DateTime _lastRefresh = DateTime.MinValue;

    protected override TimeSpan Interval => options.Value.ViewerCountInterval;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        if (DateTime.UtcNow - _lastRefresh >= options.Value.ViewerTtl / 3)
        {
            await presence.RefreshAsync(local.Sessions(), ct);
            _lastRefresh = DateTime.UtcNow;
        }

        foreach (var streamId in local.Streams())
        {
            if (await presence.ClaimCountUpdateAsync(streamId, Interval, ct) is { } count)
            {
                await broadcaster.SendViewerCountAsync(streamId, count);
                // The node that won the claim records it: the day's peak is the highest count viewers were shown.
                var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
                await audience.RecordConcurrentAsync(streamId, today, count, ct);
                metrics.ViewersCounted(streamId, count, today);
            }
        }
    }
}
