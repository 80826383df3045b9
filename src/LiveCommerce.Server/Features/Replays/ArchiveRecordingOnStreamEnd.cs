using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Replays;

/// <summary>
/// A stream ended: its recording may have been reported done already (the encoder left before the
/// end), waiting only for this. Wakes this node's archiver rather than waiting for its next round.
/// </summary>
public sealed class ArchiveRecordingOnStreamEnd(ArchiveRecordings archiver) : INotificationHandler<StreamEndedNotification>
{
    public ValueTask Handle(StreamEndedNotification notification, CancellationToken ct)
    {
        archiver.Wake();
        return ValueTask.CompletedTask;
    }
}
