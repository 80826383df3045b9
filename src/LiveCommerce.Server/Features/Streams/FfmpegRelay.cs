using System.Diagnostics;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// One ffmpeg that reads a browser's recording on stdin and publishes it to the media engine over RTMP,
/// as any encoder would. The video is copied (the studio records H.264), only the audio is transcoded
/// (browsers record Opus, RTMP carries AAC), so a relay costs little CPU. Writes wait for ffmpeg to read:
/// that is the backpressure that slows the socket down when the engine or the network is slow.
/// </summary>
public sealed class FfmpegRelay : IAsyncDisposable
{
    private const int KeptErrorLines = 5;

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly string _secret;
    private readonly Queue<string> _errors = new();
    private readonly Task _stderr;
    private Task? _disposal;
    private bool _opened;

    private FfmpegRelay(Process process, string secret)
    {
        _process = process;
        _secret = secret;
        _stdin = process.StandardInput.BaseStream;
        Exited = process.WaitForExitAsync();
        _stderr = ReadErrorsAsync();
    }

    /// <summary>Completes when ffmpeg has exited, for whatever reason.</summary>
    public Task Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>
    /// ffmpeg opened its output: the engine accepted the publisher (ffmpeg opens the RTMP connection, and the
    /// engine's on_publish answers, before it prints "Output #0"). False after an exit means refused at once.
    /// </summary>
    public bool Opened => Volatile.Read(ref _opened);

    /// <summary>ffmpeg's last error lines, with the stream key blanked out (fit for logs and for the host).</summary>
    public string LastErrors
    {
        get
        {
            lock (_errors)
            {
                return string.Join(" | ", _errors);
            }
        }
    }

    /// <param name="ffmpeg">The ffmpeg binary.</param>
    /// <param name="publishUrl"><c>rtmp://…/live/{stream}?key={key}</c>: passed as an argument, never logged.</param>
    /// <param name="secret">The key inside <paramref name="publishUrl"/>, blanked from anything ffmpeg prints.</param>
    public static FfmpegRelay Start(string ffmpeg, string publishUrl, string secret)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            // -nostdin: stdin is the media, not keyboard commands. Info level for its "Output #0" line
            // (see Opened); -nostats keeps the progress lines out.
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info",
            // The recording's header names its codecs: a short probe publishes within a second, not five.
            "-probesize", "500000", "-analyzeduration", "1000000",
            "-i", "pipe:0",
            // The camera's video; its microphone if it has one.
            "-map", "0:v:0", "-map", "0:a:0?",
            "-c:v", "copy", "-c:a", "aac", "-b:a", "128k",
            "-f", "flv", publishUrl,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ffmpeg}.");
        return new FfmpegRelay(process, secret);
    }

    /// <summary>Hands one chunk to ffmpeg; waits while its pipe is full. Throws <see cref="IOException"/> once ffmpeg is gone.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken ct)
    {
        await _stdin.WriteAsync(chunk, ct);
        await _stdin.FlushAsync(ct);
    }

    /// <summary>
    /// The end of the recording: ffmpeg publishes what it holds and closes the RTMP connection itself (so the
    /// engine sees a clean unpublish); killed if it takes longer than <paramref name="patience"/>.
    /// </summary>
    public async Task FinishAsync(TimeSpan patience)
    {
        try
        {
            await _stdin.DisposeAsync();
        }
        catch (IOException)
        {
            // ffmpeg already gone: nothing left to flush.
        }

        await Task.WhenAny(Exited, Task.Delay(patience));
        await DisposeAsync();
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("Output #", StringComparison.Ordinal))
            {
                Volatile.Write(ref _opened, true);
            }

            if (IsChatter(line))
            {
                continue;
            }

            var safe = string.IsNullOrEmpty(_secret) ? line : line.Replace(_secret, "***", StringComparison.Ordinal);
            lock (_errors)
            {
                _errors.Enqueue(safe.Length > 300 ? safe[..300] : safe);
                while (_errors.Count > KeptErrorLines)
                {
                    _errors.Dequeue();
                }
            }
        }
    }

    /// <summary>What ffmpeg says at info level about a run going well: the streams, the mapping, the summary.</summary>
    private static bool IsChatter(string line) =>
        line.Length == 0 || line[0] == ' '
        || line.StartsWith("Input #", StringComparison.Ordinal) || line.StartsWith("Output #", StringComparison.Ordinal)
        || line.StartsWith("Stream mapping", StringComparison.Ordinal) || line.StartsWith("Press [q]", StringComparison.Ordinal)
        || line.StartsWith("frame=", StringComparison.Ordinal) || line.StartsWith("video:", StringComparison.Ordinal);

    /// <summary>Kills ffmpeg if it still runs (which also fails a write waiting on its pipe). Safe to call more than once.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_errors)
        {
            _disposal ??= DisposeOnceAsync();
        }

        return new ValueTask(_disposal);
    }

    private async Task DisposeOnceAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill.
            }
        }

        await Exited;
        await _stderr;
        try
        {
            await _stdin.DisposeAsync();
        }
        catch (IOException)
        {
            // The pipe broke with ffmpeg: nothing to release.
        }

        _process.Dispose();
    }
}
