using System.Globalization;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Infrastructure.Local.DemoClip;

/// <summary>
/// Serves the demo clip as a live stream: <c>/video/demo/live.m3u8</c> (the wall clock's playlist)
/// and <c>/video/demo/{n}.ts</c> (absolute segment n). Mapped whatever the engine, since it only
/// reads the bundled clip; anonymous like any stream's video, and rate-limited like the public API.
/// </summary>
public static class DemoClipEndpoints
{
    public static IEndpointRouteBuilder MapDemoClip(this IEndpointRouteBuilder app)
    {
        var video = app.MapGroup("/video/demo").WithTags("Video").AllowAnonymous().RequireRateLimiting(RateLimits.Api);
        video.MapGet("/live.m3u8", (HttpContext http, TimeProvider clock) =>
        {
            // A live playlist changes every segment: caches must ask again each time.
            http.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Text(BundledDemoClip.Value.Loop.Playlist(clock.GetUtcNow()), "application/vnd.apple.mpegurl");
        });
        video.MapGet("/{n:long:min(0)}.ts", (long n, HttpContext http) =>
        {
            // Segment n always holds the same bytes (file n mod count) and is listed only around its own time.
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return TypedResults.Bytes(BundledDemoClip.Value.Segment(n), "video/mp2t");
        });
        return app;
    }
}

/// <summary>
/// The clip compiled into the assembly (DemoVideo/, written by infra/video/make-demo-clip.sh):
/// embedded rather than read from the content root, so it is found under `dotnet run`, in tests,
/// in a published folder or a container alike. About 200 KB, read once on first use.
/// </summary>
public sealed class BundledDemoClip
{
    private static readonly Lazy<BundledDemoClip> Bundled = new(Load);

    private readonly byte[][] _segments;

    private BundledDemoClip(DemoClipLoop loop, byte[][] segments)
    {
        Loop = loop;
        _segments = segments;
    }

    public static BundledDemoClip Value => Bundled.Value;

    public DemoClipLoop Loop { get; }

    public byte[] Segment(long n) => _segments[n % _segments.Length];

    /// <summary>Reads ffmpeg's VOD playlist (clip.m3u8): each #EXTINF is the duration of the file named on the next line.</summary>
    private static BundledDemoClip Load()
    {
        var durations = new List<TimeSpan>();
        var segments = new List<byte[]>();
        TimeSpan? duration = null;
        foreach (var line in System.Text.Encoding.UTF8.GetString(Read("clip.m3u8")).Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                var seconds = decimal.Parse(line["#EXTINF:".Length..].Split(',')[0], CultureInfo.InvariantCulture);
                duration = TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
            }
            else if (line.Length > 0 && line[0] != '#' && duration is { } d)
            {
                durations.Add(d);
                segments.Add(Read(line));
                duration = null;
            }
        }

        return new BundledDemoClip(new DemoClipLoop(durations), [.. segments]);
    }

    private static byte[] Read(string file)
    {
        using var stream = typeof(BundledDemoClip).Assembly.GetManifestResourceStream("LiveCommerce.DemoVideo." + file)
            ?? throw new InvalidOperationException($"The demo clip's {file} is not embedded; see infra/video/make-demo-clip.sh.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
