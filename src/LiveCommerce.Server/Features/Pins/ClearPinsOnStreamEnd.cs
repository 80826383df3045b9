using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Pins;

/// <summary>An ended stream sells nothing: its pins go (the replay keeps them, with their offsets).</summary>
public sealed class ClearPinsOnStreamEnd(IPinStore pins) : INotificationHandler<StreamEndedNotification>
{
    public async ValueTask Handle(StreamEndedNotification notification, CancellationToken ct) =>
        await pins.ClearPinsAsync(notification.Stream.Id, ct);
}
