using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Streams;

namespace LiveCommerce.Server.Features.Replays;

/// <summary>
/// A stream's replay video in media storage, and where it stands. Decided when asked, from what
/// storage holds: the stream ends (and its event log is archived) before the engine has closed the
/// recording and the remux has run, so nothing written at the end can know whether the video will come.
/// </summary>
public sealed class ReplayVideos(IMediaStore media, IVideoEngine engine)
{
    public static string VideoName(string streamId) => $"replays/{streamId}.mp4";

    /// <summary>Stored when the remux failed, so every node's answer says so (the reason stays in the node's log and recordings folder).</summary>
    public static string FailedName(string streamId) => $"replays/{streamId}.video-failed.txt";

    public static string Url(string streamId) => $"/api/streams/{Uri.EscapeDataString(streamId)}/replay/video";

    /// <summary>The status, and the open video when it is <see cref="ReplayVideoStatus.Ready"/> (the caller disposes it).</summary>
    public async Task<(ReplayVideoStatus Status, MediaObject? Video)> FindAsync(LiveStream stream, CancellationToken ct)
    {
        if (await media.OpenSeekableAsync(VideoName(stream.Id), ct) is { } video)
        {
            return (ReplayVideoStatus.Ready, video);
        }

        if (await media.OpenSeekableAsync(FailedName(stream.Id), ct) is { } failed)
        {
            failed.Dispose();
            return (ReplayVideoStatus.Failed, null);
        }

        return (IsRecorded(stream) ? ReplayVideoStatus.Pending : ReplayVideoStatus.None, null);
    }

    /// <summary>
    /// The engine records what it is sent; streams whose playback is the engine's own are the ones it
    /// carried. A playback URL pasted through the API, or the demo clip (no ingest), records nothing.
    /// </summary>
    private bool IsRecorded(LiveStream stream) =>
        engine.PublicIngestUrl is not null && string.Equals(stream.PlaybackUrl, engine.PlaybackUrl(stream.Id), StringComparison.Ordinal);
}
