using System.Diagnostics;
using System.Globalization;

namespace LiveCommerce.TestKit.Processes;

/// <summary>
/// The media engine of a test: Debian's nginx with the RTMP module, from the template infra/video.sh
/// renders too (infra/video/nginx-rtmp.conf.template), on free loopback ports. Made in two steps
/// because the engine and the node each need the other's address: <see cref="Reserve"/> picks the
/// ports and folder (the node's <see cref="Settings"/>), then <see cref="StartAsync"/> once the node listens.
/// </summary>
public sealed class VideoEngineProcess : IAsyncDisposable
{
    public const string Secret = "test-video-secret-0123456789-abcdefghijkl";

    private Process? _process;

    private VideoEngineProcess(string dir, int rtmpPort, int httpPort)
    {
        Dir = dir;
        RtmpPort = rtmpPort;
        HttpPort = httpPort;
    }

    public string Dir { get; }

    public int RtmpPort { get; }

    public int HttpPort { get; }

    public string RtmpUrl => $"rtmp://127.0.0.1:{RtmpPort.ToString(CultureInfo.InvariantCulture)}/live";

    public string HlsBaseUrl => $"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}/hls";

    public string RecordingsPath => Path.Combine(Dir, "recordings");

    /// <summary>The node settings that point at this engine.</summary>
    public IDictionary<string, string?> Settings(TimeSpan? reconnectGrace = null) => new Dictionary<string, string?>
    {
        ["Video:Secret"] = Secret,
        ["Video:Engine:RtmpUrl"] = RtmpUrl,
        ["Video:Engine:PlaybackBaseUrl"] = HlsBaseUrl,
        ["Video:Engine:RecordingsPath"] = RecordingsPath,
        ["Video:ReconnectGrace"] = (reconnectGrace ?? TimeSpan.FromSeconds(60)).ToString("c", CultureInfo.InvariantCulture),
    };

    public static bool IsInstalled => File.Exists("/usr/lib/nginx/modules/ngx_rtmp_module.so") && File.Exists(NginxProcess.Binary);

    public static VideoEngineProcess Reserve()
    {
        if (!IsInstalled || OperatingSystem.IsWindows())
        {
            throw new InvalidOperationException("nginx's RTMP module is missing: run ./test.sh or infra/install-deps.sh (libnginx-mod-rtmp, ffmpeg).");
        }

        var dir = Directory.CreateTempSubdirectory("lc-video-").FullName;
        foreach (var sub in new[] { "hls", "recordings", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(dir, sub));
            // nginx's workers run unprivileged when the tests run as root: they write HLS and recordings.
            File.SetUnixFileMode(Path.Combine(dir, sub), (UnixFileMode)0x1FF);
        }

        File.SetUnixFileMode(dir, (UnixFileMode)0x1ED);
        return new VideoEngineProcess(dir, RedisServer.FreePort(), RedisServer.FreePort());
    }

    /// <param name="callbackBase">The node (or proxy) the engine calls back, e.g. http://127.0.0.1:5000.</param>
    public async Task StartAsync(Uri callbackBase)
    {
        var conf = Path.Combine(Dir, "nginx.conf");
        var template = await File.ReadAllTextAsync(FindTemplate());
        await File.WriteAllTextAsync(conf, template
            .Replace("{{DIR}}", Dir, StringComparison.Ordinal)
            .Replace("{{RTMP_LISTEN}}", "127.0.0.1", StringComparison.Ordinal)
            .Replace("{{HTTP_LISTEN}}", "127.0.0.1", StringComparison.Ordinal)
            .Replace("{{RTMP_PORT}}", RtmpPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{HTTP_PORT}}", HttpPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{CALLBACK}}", new Uri(callbackBase, "/api/video/engine").ToString(), StringComparison.Ordinal)
            .Replace("{{SECRET}}", Secret, StringComparison.Ordinal));
        _process = ChildProcess.StartQuiet(new ProcessStartInfo(NginxProcess.Binary)
        {
            ArgumentList = { "-c", conf, "-p", Dir, "-e", Path.Combine(Dir, "error.log") },
        });
        if (!await ChildProcess.ListensAsync(_process, RtmpPort, TimeSpan.FromSeconds(10))
            || !await ChildProcess.ListensAsync(_process, HttpPort, TimeSpan.FromSeconds(10)))
        {
            var log = File.Exists(Path.Combine(Dir, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(Dir, "error.log")) : "";
            throw new InvalidOperationException("The video engine did not start: " + log);
        }
    }

    /// <summary>The stream's HLS playlist as a viewer fetches it, or null while there is none.</summary>
    public async Task<string?> PlaylistAsync(string streamId)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync($"{HlsBaseUrl}/{Uri.EscapeDataString(streamId)}.m3u8");
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
    }

    private static string FindTemplate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "infra", "video", "nginx-rtmp.conf.template");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("infra/video/nginx-rtmp.conf.template not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
