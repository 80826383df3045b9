using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>
/// Counts a joining viewer in the stream's audience (never the host watching their own stream) and
/// refreshes the host's live metrics, whose conversion moves with the audience.
/// </summary>
public sealed class RecordViewerOnJoin(IAudienceStore audience, IHostMetricsNotifier metrics) : INotificationHandler<ViewerJoined>
{
    public async ValueTask Handle(ViewerJoined notification, CancellationToken ct)
    {
        if (notification.ViewerId == notification.HostId)
        {
            return;
        }

        var day = DateOnly.FromDateTime(notification.At.UtcDateTime);
        await audience.RecordViewerAsync(notification.StreamId, notification.HostId, day, notification.ViewerId, ct);
        metrics.StreamChanged(notification.HostId, notification.StreamId, day);
    }
}
