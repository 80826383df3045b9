using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>The <c>Video</c> section: the media engine and how the server treats encoders.</summary>
public sealed class VideoOptions
{
    public const string Section = "Video";

    /// <summary>
    /// Signs stream keys (HMAC) and authenticates the engine's callbacks. Required with an engine;
    /// the same on every node. Rotating it invalidates every stream key.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>How long viewers see "reconnecting" after the encoder drops before the stream ends on its own.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// An encoder the engine has not vouched for (on_publish, on_update) this long is presumed gone,
    /// so a new one may take the stream after an engine crash. Keep it above the engine's
    /// <c>notify_update_timeout</c> (5 s in the shipped config).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan PublisherLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The ffmpeg the server runs: a name on PATH or a full path. It remuxes recordings to MP4 for the replay and relays the studio's browser camera to the engine.</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>
    /// How often a node looks for recordings still to archive (a stream that ended during a Blob
    /// outage, a remux that the node's restart interrupted). A recording is also archived at once
    /// when its stream ends or its engine reports it done.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RecordingRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A recording that grew after the engine last reported it done is being written by a connected
    /// encoder; once it has not changed for this long (the engine died without reporting), it is archived anyway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan RecordingSettle { get; set; } = TimeSpan.FromMinutes(2);

    public VideoEngineOptions Engine { get; set; } = new();

    /// <summary>Long enough, and URL-safe: it is written into the engine's callback URLs as is.</summary>
    public static bool IsUsableSecret(string secret) =>
        secret.Length >= 32 && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>True when an RTMP engine is configured; otherwise every stream plays the demo clip.</summary>
    public bool UsesEngine => !string.IsNullOrWhiteSpace(Engine.RtmpUrl);
}

public sealed class VideoEngineOptions
{
    /// <summary>The RTMP application URL as the nodes reach it, e.g. <c>rtmp://127.0.0.1:1935/live</c>.</summary>
    public string RtmpUrl { get; set; } = "";

    /// <summary>The RTMP application URL encoders are told to use; defaults to <see cref="RtmpUrl"/>.</summary>
    public string PublicRtmpUrl { get; set; } = "";

    /// <summary>Where the engine's HLS is served, e.g. <c>/hls</c> behind the same origin or <c>http://127.0.0.1:8088/hls</c>.</summary>
    public string PlaybackBaseUrl { get; set; } = "/hls";

    /// <summary>The folder the engine records into; recordings reported from anywhere else are refused.</summary>
    public string RecordingsPath { get; set; } = "";
}
