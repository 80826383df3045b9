using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.IntegrationTests.Video;

/// <summary>
/// What the studio's browser does when it goes live, without a browser: a WebSocket to
/// <c>/api/streams/{id}/ingest/browser</c> with the token in the query (browsers cannot set headers on a
/// WebSocket), then the recording in binary chunks. The server never sends data, only its close frame.
/// </summary>
public sealed class BrowserSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Task<(int Code, string Reason)> _closed;

    private BrowserSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _closed = ReceiveCloseAsync();
    }

    /// <summary>
    /// A recording as Chromium's MediaRecorder makes one: H.264 (copied from the demo clip) and Opus in
    /// Matroska (ffmpeg's WebM muxer refuses H.264; the browser writes it anyway, and both read the same).
    /// <paramref name="seconds"/> of it, looped from the 6 s clip, made once per length.
    /// </summary>
    public static async Task<string> RecordingAsync(int seconds)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lc-browser-recording-{Environment.ProcessId}-{seconds}s.mkv");
        if (File.Exists(path))
        {
            return path;
        }

        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "-hide_banner", "-v", "error", "-y", "-stream_loop", "-1", "-i", Encoder.Clip, "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:v", "copy", "-c:a", "libopus", "-b:a", "64k", "-f", "matroska", path + ".tmp",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var ffmpeg = Process.Start(start)!;
        var errors = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, "ffmpeg could not make the browser recording: " + errors);
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    /// <summary>Removes this test process's recordings (<see cref="RecordingAsync"/>).</summary>
    public static void DeleteRecordings()
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetTempPath(), $"lc-browser-recording-{Environment.ProcessId}-*"))
        {
            File.Delete(file);
        }
    }

    public static Uri Url(Uri node, string streamId, string? token)
    {
        var ws = new UriBuilder(node) { Scheme = node.Scheme == "https" ? "wss" : "ws", Path = $"/api/streams/{Uri.EscapeDataString(streamId)}/ingest/browser" };
        if (token is not null)
        {
            ws.Query = "access_token=" + Uri.EscapeDataString(token);
        }

        return ws.Uri;
    }

    public static async Task<BrowserSocket> ConnectAsync(Uri node, string streamId, string? token)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(Url(node, streamId, token), CancellationToken.None);
        return new BrowserSocket(socket);
    }

    /// <summary>The HTTP status of a handshake the server refused (who may publish is answered before the upgrade).</summary>
    public static async Task<HttpStatusCode> RefusedHandshakeAsync(Uri node, string streamId, string? token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Url(node, streamId, token), CancellationToken.None));
        return socket.HttpStatusCode;
    }

    /// <summary>Sends the file in <paramref name="chunk"/>-byte messages, one every <paramref name="pace"/>; stops early once the server closes.</summary>
    public async Task SendFileAsync(string path, int chunk, TimeSpan pace)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        for (var offset = 0; offset < bytes.Length && !_closed.IsCompleted; offset += chunk)
        {
            if (!await SendAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset))))
            {
                return;
            }

            if (pace > TimeSpan.Zero)
            {
                await Task.WhenAny(_closed, Task.Delay(pace));
            }
        }
    }

    /// <summary>One message; false when the server has closed or dropped the socket meanwhile.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType type = WebSocketMessageType.Binary)
    {
        try
        {
            await _socket.SendAsync(message, type, endOfMessage: true, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The server's close code and reason; fails after <paramref name="patience"/>.</summary>
    public async Task<(int Code, string Reason)> ClosedAsync(TimeSpan patience) => await _closed.WaitAsync(patience);

    /// <summary>The host presses Stop: a normal close, answered by the server once ffmpeg has flushed.</summary>
    public async Task<(int Code, string Reason)> StopAsync(TimeSpan patience)
    {
        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "stop", CancellationToken.None);
        return await ClosedAsync(patience);
    }

    /// <summary>The browser vanishes (tab killed, network gone): no close frame.</summary>
    public void Abort() => _socket.Abort();

    /// <summary>ffmpeg relays of <paramref name="streamId"/> running on this machine (their command line names the stream).</summary>
    public static int RelaysOf(string streamId)
    {
        var count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Contains("pipe:0", StringComparison.Ordinal) && cmdline.Contains($"/{streamId}?key=", StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that ended while we looked.
            }
        }

        return count;
    }

    private async Task<(int Code, string Reason)> ReceiveCloseAsync()
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }

                    return ((int)(_socket.CloseStatus ?? 0), _socket.CloseStatusDescription ?? "");
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            return (1006, "dropped without a close frame");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            _socket.Abort();
        }

        await _closed;
        _socket.Dispose();
    }
}
