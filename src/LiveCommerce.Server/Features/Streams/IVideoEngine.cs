namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// The media engine: takes a host's video in (RTMP) and hands it out to viewers (HLS). nginx with
/// the RTMP module when <c>Video:Engine</c> is configured; otherwise the looping demo clip, which
/// takes no ingest. Video never passes through the .NET nodes: they only approve publishers and
/// hand out URLs.
/// </summary>
public interface IVideoEngine
{
    /// <summary>Where viewers play the stream: an HLS playlist URL, absolute or site-relative.</summary>
    string PlaybackUrl(string streamId);

    /// <summary>The RTMP server URL encoders publish to (what OBS calls "Server"), or null when this engine takes no ingest.</summary>
    string? PublicIngestUrl { get; }

    /// <summary>The same, as the node itself reaches it (the browser bridge publishes here), or null.</summary>
    string? InternalIngestUrl { get; }
}
