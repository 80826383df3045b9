using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// <c>Video:Browser</c>: the bounds of publishing from the studio's browser (<see cref="PublishFromBrowser"/>).
/// Each session costs a socket and an ffmpeg (the audio is transcoded), so every dimension is capped:
/// a huge message, an endless or oversized upload, a flood faster than any camera, a silent socket.
/// The relay runs the node's ffmpeg, <see cref="VideoOptions.FfmpegPath"/>.
/// </summary>
public sealed class BrowserIngestOptions
{
    public const string Section = "Video:Browser";

    /// <summary>
    /// One WebSocket message (a MediaRecorder chunk). The studio sends every 500 ms at ~2.5 Mbit/s, so
    /// a chunk is ~160 KB; 4 MiB leaves room for a keyframe-heavy second at the recommended maximum.
    /// </summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>All the bytes of one session: 8 GiB is over 4 hours at the recommended 4.5 Mbit/s.</summary>
    [Range(1024L * 1024, 1024L * 1024 * 1024 * 1024)]
    public long MaxSessionBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>How long one session may last; the host reconnects (within the grace) to go on.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "24:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// The average bitrate a session may not pass (after <see cref="BurstBytes"/> of slack): well above
    /// what a browser camera sends, far below what a script could push.
    /// </summary>
    [Range(100, 1_000_000)]
    public int MaxKbps { get; set; } = 10_000;

    /// <summary>Slack on top of <see cref="MaxKbps"/>, for the recording's header and a catch-up after a network stall.</summary>
    [Range(0, 1024L * 1024 * 1024)]
    public long BurstBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>A session that sends nothing this long is closed (a camera sends every half second).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Browser sessions one node relays at once (each runs an ffmpeg that transcodes audio).</summary>
    [Range(1, 10_000)]
    public int MaxSessions { get; set; } = 50;
}
