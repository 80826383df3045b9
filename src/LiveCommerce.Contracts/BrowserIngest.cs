namespace LiveCommerce.Contracts;

/// <summary>
/// <c>/api/streams/{id}/ingest/browser</c>: the studio publishes its camera over a WebSocket (binary
/// messages, the MediaRecorder's chunks in order). Who may publish is answered before the upgrade with
/// an HTTP status (401, 403, 404); everything after it ends with one of these close codes and a reason
/// a person can read, because a browser sees nothing of a refused handshake but a 1006.
/// </summary>
public static class BrowserIngestClose
{
    /// <summary>The host stopped (the browser closed normally); the stream shows "reconnecting" for the grace.</summary>
    public const int Stopped = 1000;

    /// <summary>The server is shutting down or restarting.</summary>
    public const int GoingAway = 1001;

    /// <summary>A text message: only the recording's binary chunks are taken.</summary>
    public const int UnsupportedData = 1003;

    /// <summary>One message was larger than <c>Video:Browser:MaxMessageBytes</c>.</summary>
    public const int MessageTooBig = 1009;

    /// <summary>The server could not start its relay (ffmpeg missing or failing).</summary>
    public const int RelayFailed = 1011;

    /// <summary>No media arrived for <c>Video:Browser:IdleTimeout</c>.</summary>
    public const int Idle = 4408;

    /// <summary>Another encoder or browser is publishing this stream.</summary>
    public const int Busy = 4409;

    /// <summary>The stream has ended (before or while publishing).</summary>
    public const int Ended = 4410;

    /// <summary>The session reached its total size, duration or bitrate limit.</summary>
    public const int LimitReached = 4413;

    /// <summary>This node already relays as many browser sessions as it may (<c>Video:Browser:MaxSessions</c>).</summary>
    public const int ServerBusy = 4429;

    /// <summary>The media engine refused or dropped the stream (the relay ended), e.g. the key was rotated.</summary>
    public const int EngineRefused = 4502;

    /// <summary>The server runs without a video engine (the demo clip plays): nothing to publish to.</summary>
    public const int NoEngine = 4503;
}
