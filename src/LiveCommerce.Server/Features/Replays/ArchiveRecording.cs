using System.Diagnostics;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Replays;

/// <summary>
/// A finished recording becomes the replay's video: remuxed to MP4 (stream copy, no transcode) and
/// stored as <c>replays/{streamId}.mp4</c>.
/// </summary>
public sealed partial class ArchiveRecording(IMediaStore media, ILogger<ArchiveRecording> logger) : INotificationHandler<RecordingFinished>
{
    public static string VideoName(string streamId) => $"replays/{streamId}.mp4";

    public async ValueTask Handle(RecordingFinished notification, CancellationToken ct)
    {
        var mp4 = Path.ChangeExtension(notification.Path, ".mp4");
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-y", "-v", "error", "-i", notification.Path, "-c", "copy", "-movflags", "+faststart", mp4])
            { RedirectStandardError = true })!;
        var errors = await ffmpeg.StandardError.ReadToEndAsync(ct);
        await ffmpeg.WaitForExitAsync(ct);
        if (ffmpeg.ExitCode != 0)
        {
            LogRemuxFailed(logger, notification.StreamId, errors);
            return;
        }

        await media.SaveAsync(VideoName(notification.StreamId), await File.ReadAllBytesAsync(mp4, ct), "video/mp4", ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not remux the recording of stream {StreamId}: {Errors}")]
    private static partial void LogRemuxFailed(ILogger logger, string streamId, string errors);
}
