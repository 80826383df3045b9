using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using LiveCommerce.Benchmarks.Harness;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.Benchmarks.Scenarios;

/// <summary>
/// Real video: one node (its own process, so its CPU is its own) and the real engine (nginx-rtmp).
/// An encoder publishes the demo clip in real time (ffmpeg -re, stream copy); measured: publish to
/// first playable segment, the live edge's age as a viewer's player sees it, then N simulated HLS
/// viewers fetching playlist and segments from the engine, with the node's CPU meanwhile (video
/// never passes through the node, so it should stay near idle).
/// </summary>
public sealed class VideoScenario : IScenario
{
    public string Name => "video";

    public string Description => "real engine: publish → first segment ms, live edge age, N HLS viewers (default 500) for S s, node CPU";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var viewers = options.ViewersGiven || options.Quick ? options.Viewers : 500;
        // 30 s unless --seconds says otherwise (the harness-wide default, 10 s, is short for HLS polling).
        var seconds = options.Quick ? 5 : options.SecondsGiven ? Math.Max(5, options.Seconds) : 30;
        var result = new ScenarioResult(Name, options) { Headline = $"1 node + nginx-rtmp, {viewers} HLS viewers for {seconds} s" };
        await using var engine = VideoEngineProcess.Reserve();
        var environment = engine.Settings().Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Demo__Enabled"] = "false";
        environment["Auth__EnableDevLogin"] = "true";
        await using var node = await ServerProcess.StartAsync(environment);
        await engine.StartAsync(node.Address);

        using var http = new HttpClient { BaseAddress = node.Address };
        var token = (await LiveApi.ReadAsync<TokenResponse>(await http.PostAsJsonAsync("/api/auth/dev-login", new DevLoginRequest("mia"), LiveApi.Json, ct), ct)).Token;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var stream = await LiveApi.ReadAsync<StreamDto>(await http.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest("Bench video", "", DateTimeOffset.UtcNow.AddMinutes(5), null, null), LiveApi.Json, ct), ct);
        var ingest = await LiveApi.ReadAsync<IngestDto>(await http.GetAsync($"/api/streams/{stream.Id}/ingest", ct), ct);

        var published = Stopwatch.StartNew();
        var sentAt = DateTime.UtcNow;
        await using var encoder = Encoder.Publish($"{ingest.ServerUrl}/{ingest.StreamKey}");
        using var hls = new HttpClient { BaseAddress = new Uri(engine.HlsBaseUrl + "/") };
        var playlistUrl = $"{stream.Id}.m3u8";
        Playlist? first = null;
        while (first is not { Segments.Count: > 0 } && published.Elapsed < TimeSpan.FromSeconds(30))
        {
            first = await Playlist.FetchAsync(hls, playlistUrl, ct);
            await Task.Delay(20, ct);
        }

        var startup = new RunFigures("publish → playable");
        startup["first segment ms"] = first is { Segments.Count: > 0 } ? published.Elapsed.TotalMilliseconds : double.NaN;
        result.Runs.Add(startup);

        // The live edge: how far the newest listed media lags the moment the encoder sent it (-re sends in real time).
        var edge = new LatencyHistogram();
        var edgeUntil = Stopwatch.StartNew();
        while (edgeUntil.Elapsed < TimeSpan.FromSeconds(Math.Min(10, seconds)))
        {
            if (await Playlist.FetchAsync(hls, playlistUrl, ct) is { } p)
            {
                edge.Record((DateTime.UtcNow - sentAt) - TimeSpan.FromSeconds(p.MediaEnd));
            }

            await Task.Delay(100, ct);
        }

        var edgeRun = new RunFigures("live edge");
        edgeRun["age p50 ms"] = edge.Percentile(50);
        edgeRun["age p99 ms"] = edge.Percentile(99);
        result.Runs.Add(edgeRun);

        // N viewers, each polling the playlist once per target duration and fetching every new segment.
        using var nodeProcess = Process.GetProcessById(node.Pid);
        var cpu0 = nodeProcess.TotalProcessorTime;
        long requests = 0, bytes = 0, errors = 0;
        var load = Stopwatch.StartNew();
        using var viewerHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = hls.BaseAddress };
        await Task.WhenAll(Enumerable.Range(0, viewers).Select(i => Task.Run(async () =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            await Task.Delay(i % 1000, ct);
            while (load.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                try
                {
                    var playlist = await Playlist.FetchAsync(viewerHttp, playlistUrl, ct);
                    Interlocked.Increment(ref requests);
                    foreach (var segment in playlist?.Segments.TakeLast(3) ?? [])
                    {
                        if (seen.Add(segment))
                        {
                            var body = await viewerHttp.GetByteArrayAsync(segment, ct);
                            Interlocked.Increment(ref requests);
                            Interlocked.Add(ref bytes, body.Length);
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                await Task.Delay(1000, ct);
            }
        }, ct)));
        nodeProcess.Refresh();
        var nodeCpu = nodeProcess.TotalProcessorTime - cpu0;
        var crowd = new RunFigures($"{viewers} HLS viewers");
        crowd["requests/s"] = requests / load.Elapsed.TotalSeconds;
        crowd["MB/s served"] = bytes / load.Elapsed.TotalSeconds / 1048576.0;
        crowd["node cpu %"] = 100 * nodeCpu.TotalMilliseconds / load.Elapsed.TotalMilliseconds / Environment.ProcessorCount;
        result.Runs.Add(crowd);
        result.Invariants["viewer fetch errors"] = errors;
        result.Invariants["encoder stopped"] = encoder.HasExited ? 1 : 0;
        result.Notes.Add("Live edge age = now − the moment the encoder sent the end of the newest listed segment; a player adds its hold-back (hls.js: 3 target durations = 3 s with 1 s segments).");
        result.Notes.Add($"node cpu % is the node process alone (pid {node.Pid.ToString(CultureInfo.InvariantCulture)}), of all {Environment.ProcessorCount} cores; the engine and the viewers share the machine.");
        return result;
    }

    /// <summary>The parts of a live HLS media playlist a player uses: its segments and where its media ends.</summary>
    private sealed record Playlist(IReadOnlyList<string> Segments, double MediaEnd)
    {
        public static async Task<Playlist?> FetchAsync(HttpClient http, string url, CancellationToken ct)
        {
            using var response = await http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var text = await response.Content.ReadAsStringAsync(ct);
            long sequence = 0;
            var durations = new List<double>();
            var segments = new List<string>();
            foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal))
                {
                    sequence = long.Parse(line[22..], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
                {
                    durations.Add(double.Parse(line[8..].TrimEnd(','), CultureInfo.InvariantCulture));
                }
                else if (!line.StartsWith('#'))
                {
                    segments.Add(line);
                }
            }

            // nginx-rtmp cuts 1 s fragments on keyframes (one a second in the clip): segment n starts near n seconds.
            var average = durations.Count == 0 ? 1 : durations.Average();
            return new Playlist(segments, (sequence * average) + durations.Sum());
        }
    }
}
