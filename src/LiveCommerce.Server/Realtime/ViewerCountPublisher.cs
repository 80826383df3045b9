using LiveCommerce.Server.Features.Attribution;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Keeps this node's watch sessions alive in presence, and pushes viewer counts coalesced:
/// per stream, at most one push per interval across all nodes, and only when the count changed.
/// </summary>
public sealed partial class ViewerCountPublisher(
    LocalViewers local,
    IViewerPresence presence,
    LiveBroadcaster broadcaster,
    IAudienceStore audience,
    IHostMetricsNotifier metrics,
    TimeProvider clock,
    IOptions<RealtimeOptions> options,
    ILogger<ViewerCountPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ViewerCountInterval;
        var refreshEvery = options.Value.ViewerTtl / 3;
        var lastRefresh = DateTime.MinValue;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (DateTime.UtcNow - lastRefresh >= refreshEvery)
                {
                    await presence.RefreshAsync(local.Sessions(), stoppingToken);
                    lastRefresh = DateTime.UtcNow;
                }

                foreach (var streamId in local.Streams())
                {
                    if (await presence.ClaimCountUpdateAsync(streamId, interval, stoppingToken) is { } count)
                    {
                        await broadcaster.SendViewerCountAsync(streamId, count);
                        // The node that won the claim records it: the day's peak is the highest count viewers were shown.
                        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                        await audience.RecordConcurrentAsync(streamId, today, count, stoppingToken);
                        metrics.ViewersCounted(streamId, count, today);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Redis blips must not stop the loop: the next tick retries.
                LogTickFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Viewer count tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
