using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// "Go live from this browser": <c>/api/streams/{id}/ingest/browser</c>, a WebSocket on which the studio
/// sends its MediaRecorder chunks (WebM/Matroska, H.264 + Opus). An <see cref="FfmpegRelay"/> publishes them
/// to the engine with the stream's key, made here: the browser never holds it. From the engine's side this
/// is one more encoder, so everything an OBS gets applies (on_publish approves and the stream goes live at
/// once, a drop starts the reconnect grace, a second publisher is refused, rotation and ending drop it).
/// Who may publish is answered before the upgrade (401/403/404, like every endpoint); the rest ends the
/// socket with a <see cref="BrowserIngestClose"/> code and a reason the studio shows as it is.
/// </summary>
public sealed partial class PublishFromBrowser(
    IStreamStore streams, IIngestStore ingest, IVideoEngine video, StreamKeys keys, IOptions<BrowserIngestOptions> options, IOptions<VideoOptions> videoOptions,
    TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<PublishFromBrowser> logger)
{
    /// <summary>How long the browser has to answer our close frame before the socket is dropped.</summary>
    private static readonly TimeSpan CloseHandshake = TimeSpan.FromSeconds(5);

    /// <summary>How long ffmpeg may take to publish what it holds after the host stops.</summary>
    private static readonly TimeSpan FlushPatience = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, byte> _publishing = new(StringComparer.Ordinal);

    /// <summary>
    /// Browsers cannot set headers on a WebSocket, so this path (like the hub) takes its token from
    /// <c>?access_token=</c>; <see cref="Operations.SecretSafeLogging"/> keeps that URL out of the logs.
    /// </summary>
    public static bool TakesTokenFromQuery(PathString path) =>
        path.StartsWithSegments("/api/streams", StringComparison.Ordinal)
        && path.Value!.EndsWith("/ingest/browser", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext http)
    {
        var aborted = http.RequestAborted;
        var stream = await streams.GetOwnedAsync(http.GetRouteValue("id") as string ?? "", Actor.From(http.User), aborted);
        if (!http.WebSockets.IsWebSocketRequest)
        {
            throw new AppException(ErrorCodes.ValidationFailed, "This endpoint takes a WebSocket carrying the studio's recording.");
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var refusal = await RefusalAsync(stream, aborted);
        if (refusal is null && _publishing.Count >= options.Value.MaxSessions)
        {
            refusal = (BrowserIngestClose.ServerBusy, "This server relays as many browsers as it can; try again shortly, or use OBS.");
        }

        if (refusal is null && !_publishing.TryAdd(stream.Id, 0))
        {
            refusal = (BrowserIngestClose.Busy, "This stream is already being published from another browser tab or window.");
        }

        if (refusal is { } refused)
        {
            LogRefused(logger, stream.Id, refused.Code, refused.Reason);
            await RefuseAsync(socket, refused.Code, refused.Reason);
            return;
        }

        try
        {
            await RelayAsync(socket, stream.Id, aborted);
        }
        finally
        {
            _publishing.TryRemove(stream.Id, out _);
        }
    }

    /// <summary>Why this stream cannot be published right now, checked before ffmpeg starts.</summary>
    private async Task<(int Code, string Reason)?> RefusalAsync(LiveStream stream, CancellationToken ct)
    {
        if (video.InternalIngestUrl is null)
        {
            return (BrowserIngestClose.NoEngine, "This server has no video engine: the demo clip plays instead.");
        }

        var state = await ingest.GetAsync(stream.Id, ct);
        if (stream.Status == StreamStatus.Ended || state.Ended)
        {
            return (BrowserIngestClose.Ended, "This stream has ended; schedule a new one.");
        }

        return state.Publisher is not null
            ? (BrowserIngestClose.Busy, "Another encoder is publishing this stream; stop it first.")
            : null;
    }

    private async Task RelayAsync(WebSocket socket, string streamId, CancellationToken aborted)
    {
        var settings = options.Value;
        var version = await ingest.KeyVersionAsync(streamId, aborted);
        var key = keys.For(streamId, version);
        FfmpegRelay relay;
        try
        {
            relay = FfmpegRelay.Start(videoOptions.Value.FfmpegPath, $"{video.InternalIngestUrl!.TrimEnd('/')}/{StreamKeys.EncoderKey(streamId, key)}", key);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            LogRelayNotStarted(logger, e, streamId, videoOptions.Value.FfmpegPath);
            await RefuseAsync(socket, BrowserIngestClose.RelayFailed, "The server could not start its video relay.");
            return;
        }

        await using (relay)
        {
            LogStarted(logger, streamId);
            var session = new Session(socket, relay, clock, settings);
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            using var stopping = lifetime.ApplicationStopping.Register(() =>
                _ = session.CloseAsync(BrowserIngestClose.GoingAway, "The server is restarting; go live again in a moment."));
            var exits = WatchRelayAsync(session, streamId, version);
            var watchdog = WatchLimitsAsync(session, watching.Token);
            try
            {
                await PumpAsync(session, aborted);
            }
            finally
            {
                await watching.CancelAsync();
                await relay.DisposeAsync();
                await Task.WhenAll(exits, watchdog);
            }

            LogEnded(logger, streamId, session.Outcome?.Code ?? 0, session.Outcome?.Reason ?? "");
        }
    }

    /// <summary>
    /// Reads the browser's messages and hands each to ffmpeg. Stops when the browser closes (the host
    /// stopped: ffmpeg is let finish), or after the server's close frame is answered; once the session is
    /// closing, whatever still arrives is read and dropped.
    /// </summary>
    private async Task PumpAsync(Session session, CancellationToken aborted)
    {
        var settings = options.Value;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var filled = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (filled == buffer.Length)
                    {
                        if (session.Closing)
                        {
                            filled = 0; // no longer wanted: read and drop
                        }
                        else if (filled > settings.MaxMessageBytes)
                        {
                            _ = session.CloseAsync(BrowserIngestClose.MessageTooBig, $"A message passed the limit of {settings.MaxMessageBytes} bytes.");
                            filled = 0;
                        }
                        else
                        {
                            // Grown on demand (a chunk is usually far below the limit), to at most just past the limit.
                            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, settings.MaxMessageBytes + 1));
                            buffer.AsSpan(0, filled).CopyTo(larger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }
                    }

                    try
                    {
                        received = await session.Socket.ReceiveAsync(buffer.AsMemory(filled), aborted);
                    }
                    catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
                    {
                        session.Gone("The browser went away.");
                        return;
                    }

                    filled += received.Count;
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await session.StoppedByBrowserAsync(FlushPatience);
                    return;
                }

                if (session.Closing)
                {
                    continue;
                }

                if (filled > settings.MaxMessageBytes)
                {
                    _ = session.CloseAsync(BrowserIngestClose.MessageTooBig, $"A message passed the limit of {settings.MaxMessageBytes} bytes.");
                    continue;
                }

                if (received.MessageType == WebSocketMessageType.Text)
                {
                    _ = session.CloseAsync(BrowserIngestClose.UnsupportedData, "Only the recording's binary chunks are accepted.");
                    continue;
                }

                if (session.Count(filled) is { } limit)
                {
                    _ = session.CloseAsync(BrowserIngestClose.LimitReached, limit);
                    continue;
                }

                await session.WriteAsync(buffer.AsMemory(0, filled), aborted);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>ffmpeg ended on its own: the engine refused it, dropped it, or it failed. Tells the browser why.</summary>
    private async Task WatchRelayAsync(Session session, string streamId, long version)
    {
        await session.Relay.Exited;
        if (session.Closing)
        {
            return;
        }

        var errors = session.Relay.LastErrors;
        var (code, reason) = await ExplainExitAsync(streamId, version, refusedAtOnce: !session.Relay.Opened);
        LogRelayExited(logger, streamId, code, errors);
        await session.CloseAsync(code, reason);
    }

    private async Task<(int Code, string Reason)> ExplainExitAsync(string streamId, long version, bool refusedAtOnce)
    {
        try
        {
            var stream = await streams.GetAsync(streamId, CancellationToken.None);
            var state = await ingest.GetAsync(streamId, CancellationToken.None);
            if (stream is null || stream.Status == StreamStatus.Ended || state.Ended)
            {
                return (BrowserIngestClose.Ended, "The stream has ended.");
            }

            if (await ingest.KeyVersionAsync(streamId, CancellationToken.None) != version)
            {
                return (BrowserIngestClose.EngineRefused, "The stream key was rotated: go live again to continue.");
            }

            // ffmpeg could not even open the engine's connection: on_publish said no. With another
            // publisher on the stream that is the one-publisher rule; otherwise the engine's own reason.
            if (refusedAtOnce && state.Publisher is not null)
            {
                return (BrowserIngestClose.Busy, "Another encoder is publishing this stream; stop it first.");
            }

            return refusedAtOnce
                ? (BrowserIngestClose.EngineRefused, "The video engine refused the stream.")
                : (BrowserIngestClose.EngineRefused, "The video engine dropped the stream, or the recording could not be read.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The stores are down: the socket still gets an answer.
            return (BrowserIngestClose.EngineRefused, "The video relay stopped.");
        }
    }

    /// <summary>Four times a second: the session's duration, a silent browser, and a relay that stopped reading.</summary>
    private async Task WatchLimitsAsync(Session session, CancellationToken ct)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), clock);
        try
        {
            while (!session.Closing && await timer.WaitForNextTickAsync(ct))
            {
                if (session.Check(settings.MaxDuration, settings.IdleTimeout) is { } over)
                {
                    await session.CloseAsync(over.Code, over.Reason);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session is over.
        }
    }

    private static async Task RefuseAsync(WebSocket socket, int code, string reason)
    {
        using var patience = new CancellationTokenSource(CloseHandshake);
        try
        {
            await socket.CloseAsync((WebSocketCloseStatus)code, Session.Fit(reason), patience.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The browser did not answer the close: it is gone either way.
        }
    }

    /// <summary>
    /// One browser's session: the socket, its relay, what was counted, and how it ended. Closed once,
    /// by whoever comes first (the browser, a limit, the relay, the server stopping).
    /// </summary>
    private sealed class Session(WebSocket socket, FfmpegRelay relay, TimeProvider clock, BrowserIngestOptions limits)
    {
        /// <summary>A close reason is at most 123 bytes of UTF-8.</summary>
        private const int MaxReasonBytes = 123;

        private readonly long _started = clock.GetTimestamp();
        private int _closing;
        private long _bytes;
        private long _lastMessage = clock.GetTimestamp();
        private long _writeStarted;

        public WebSocket Socket { get; } = socket;

        public FfmpegRelay Relay { get; } = relay;

        public (int Code, string Reason)? Outcome { get; private set; }

        public bool Closing => Volatile.Read(ref _closing) != 0;

        /// <summary>Counts a message against the size and bitrate limits; the reason when it passes one.</summary>
        public string? Count(int bytes)
        {
            _bytes += bytes;
            Volatile.Write(ref _lastMessage, clock.GetTimestamp());
            if (_bytes > limits.MaxSessionBytes)
            {
                return $"This session passed its limit of {limits.MaxSessionBytes / (1024 * 1024)} MiB; go live again to continue.";
            }

            var allowed = limits.BurstBytes + (clock.GetElapsedTime(_started).TotalSeconds * limits.MaxKbps * 125);
            return _bytes > allowed ? $"The upload runs faster than {limits.MaxKbps} kbit/s; lower the camera's bitrate." : null;
        }

        /// <summary>The duration and idle limits, as the watchdog sees them.</summary>
        public (int Code, string Reason)? Check(TimeSpan maxDuration, TimeSpan idle)
        {
            if (clock.GetElapsedTime(_started) > maxDuration)
            {
                return (BrowserIngestClose.LimitReached, $"This session reached its time limit ({Describe(maxDuration)}); go live again to continue.");
            }

            var writing = Volatile.Read(ref _writeStarted);
            if (writing != 0)
            {
                return clock.GetElapsedTime(writing) > idle
                    ? (BrowserIngestClose.EngineRefused, "The video engine stopped taking the stream.")
                    : null;
            }

            return clock.GetElapsedTime(Volatile.Read(ref _lastMessage)) > idle
                ? (BrowserIngestClose.Idle, $"No video arrived for {idle.TotalSeconds:0} seconds.")
                : null;
        }

        /// <summary>Hands a chunk to ffmpeg. A relay that is gone is not an error here: its watcher explains it.</summary>
        public async Task WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken ct)
        {
            Volatile.Write(ref _writeStarted, clock.GetTimestamp());
            try
            {
                await Relay.WriteAsync(chunk, ct);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // ffmpeg exited or was killed; the close (from its watcher or a limit) is on its way.
            }
            finally
            {
                Volatile.Write(ref _writeStarted, 0);
            }
        }

        /// <summary>The host stopped: ffmpeg publishes what it holds, then the close is answered.</summary>
        public async Task StoppedByBrowserAsync(TimeSpan flush)
        {
            if (!Begin(BrowserIngestClose.Stopped, "Stopped."))
            {
                return; // our own close, answered
            }

            await Relay.FinishAsync(flush);
            try
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Stopped.", CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
            {
                // Gone already.
            }
        }

        /// <summary>The socket broke without a close: nothing to answer.</summary>
        public void Gone(string why) => Begin(1006, why);

        /// <summary>
        /// Ends the session from the server's side: ffmpeg is killed first (which also frees a write stuck on
        /// its pipe), then the close frame goes out; the pump reads on until the browser answers, or the
        /// socket is dropped after the handshake's patience.
        /// </summary>
        public async Task CloseAsync(int code, string reason)
        {
            if (!Begin(code, reason))
            {
                return;
            }

            await Relay.DisposeAsync();
            try
            {
                await Socket.CloseOutputAsync((WebSocketCloseStatus)code, Fit(reason), CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // the browser is gone already
            }

            _ = AbortUnlessAnsweredAsync();
        }

        /// <summary>A browser that never answers our close frame is dropped, so the pump (and the request) ends.</summary>
        private async Task AbortUnlessAnsweredAsync()
        {
            await Task.Delay(CloseHandshake, clock, CancellationToken.None);
            try
            {
                if (Socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
                {
                    Socket.Abort();
                }
            }
            catch (ObjectDisposedException)
            {
                // The session ended meanwhile.
            }
        }

        private static string Describe(TimeSpan span) =>
            span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";

        public static string Fit(string reason)
        {
            if (Encoding.UTF8.GetByteCount(reason) <= MaxReasonBytes)
            {
                return reason;
            }

            var cut = reason;
            while (Encoding.UTF8.GetByteCount(cut) > MaxReasonBytes - 3)
            {
                cut = cut[..^1];
            }

            return cut + "...";
        }

        private bool Begin(int code, string reason)
        {
            if (Interlocked.Exchange(ref _closing, 1) != 0)
            {
                return false;
            }

            Outcome = (code, reason);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Browser publishing of stream {StreamId} refused: {Code} {Reason}")]
    private static partial void LogRefused(ILogger logger, string streamId, int code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Browser publishing of stream {StreamId} started")]
    private static partial void LogStarted(ILogger logger, string streamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Browser publishing of stream {StreamId} ended: {Code} {Reason}")]
    private static partial void LogEnded(ILogger logger, string streamId, int code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The browser relay of stream {StreamId} exited ({Code}): {Errors}")]
    private static partial void LogRelayExited(ILogger logger, string streamId, int code, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start the browser relay of stream {StreamId} ({Ffmpeg})")]
    private static partial void LogRelayNotStarted(ILogger logger, Exception exception, string streamId, string ffmpeg);
}
