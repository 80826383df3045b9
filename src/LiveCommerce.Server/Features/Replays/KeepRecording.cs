using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Replays;

/// <summary>
/// The engine closed a stream's recording (the encoder left; with reconnects the same file is appended
/// again later). Marks it pending next to the FLV, with its length now, and wakes the archiver, which
/// acts once the stream has ended. Nothing slow here: this answers the engine's callback.
/// </summary>
public sealed class KeepRecording(ArchiveRecordings archiver, IOptions<VideoOptions> options) : INotificationHandler<RecordingFinished>
{
    public ValueTask Handle(RecordingFinished notification, CancellationToken ct)
    {
        var folder = new RecordingFolder(options.Value.Engine.RecordingsPath);
        // The engine records {stream}.flv (record_unique off); anything else would be archived under the wrong stream.
        if (!string.Equals(notification.Path, folder.Flv(notification.StreamId), StringComparison.Ordinal))
        {
            throw new AppException(ErrorCodes.ValidationFailed, "A stream's recording is {stream id}.flv in the recordings folder.");
        }

        folder.MarkPending(notification.StreamId, new FileInfo(notification.Path).Length);
        archiver.Wake();
        return ValueTask.CompletedTask;
    }
}
