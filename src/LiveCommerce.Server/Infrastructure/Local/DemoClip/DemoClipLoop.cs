using System.Globalization;
using System.Text;

namespace LiveCommerce.Server.Infrastructure.Local.DemoClip;

/// <summary>
/// The demo clip's segments looped for ever as one live HLS stream, as a pure function of the wall
/// clock: absolute segment n (counted from the Unix epoch) is file n mod count. Nothing is stored,
/// so every node of a cluster answers the same playlist at the same moment. A segment's discontinuity
/// number (what players use to realign timestamps at each restart of the loop) is its loop's number
/// within the era: the same in every playlist that lists it.
/// </summary>
public sealed class DemoClipLoop
{
    /// <summary>
    /// Segments per playlist. RFC 8216 wants a live playlist to last three target durations beyond its
    /// first segment (4 × 2 s); the fifth is slack for clocks of nodes behind a load balancer that differ a little.
    /// </summary>
    public const int Window = 5;

    /// <summary>
    /// Discontinuity numbers count loops since the start of an era of this many loops (about 22 h of an
    /// 8 s clip), not since the epoch: hls.js keeps per-number state in a sparse array that it walks from
    /// 0 on every playlist refresh, which took seconds of the page's main thread with numbers in the
    /// hundreds of millions. At an era's start the sequence drops back; hls.js re-numbers it from the
    /// segments (media sequence numbers, which never restart) it already knows, so playback goes on.
    /// </summary>
    public const long LoopsPerEra = 10_000;

    // Each file's start within one loop, in ticks, and the loop's length as the last entry.
    private readonly long[] _starts;

    public DemoClipLoop(IReadOnlyList<TimeSpan> durations)
    {
        if (durations.Count == 0 || durations.Any(d => d <= TimeSpan.Zero))
        {
            throw new ArgumentException("The clip needs at least one segment, each with a positive duration.", nameof(durations));
        }

        Durations = durations;
        _starts = new long[durations.Count + 1];
        for (var i = 0; i < durations.Count; i++)
        {
            _starts[i + 1] = _starts[i] + durations[i].Ticks;
        }

        // Every #EXTINF rounded to the nearest integer must not exceed it (RFC 8216 4.3.3.1).
        TargetDuration = (int)Math.Max(1, Math.Round(durations.Max().TotalSeconds, MidpointRounding.AwayFromZero));
    }

    public IReadOnlyList<TimeSpan> Durations { get; }

    public int Count => Durations.Count;

    public int TargetDuration { get; }

    /// <summary>The absolute index of the segment being "recorded" at <paramref name="now"/>: not complete yet, so not listed.</summary>
    public long Current(DateTimeOffset now)
    {
        var loop = Math.DivRem(Math.Max(0, (now - DateTimeOffset.UnixEpoch).Ticks), _starts[^1], out var into);
        var found = Array.BinarySearch(_starts, into);
        var file = found >= 0 ? found : ~found - 1;
        return loop * Count + file;
    }

    /// <summary>The live playlist at <paramref name="now"/>: the <see cref="Window"/> newest complete segments, URIs <c>{n}.ts</c>.</summary>
    public string Playlist(DateTimeOffset now)
    {
        var current = Current(now);
        var first = Math.Max(0, current - Window);
        var text = new StringBuilder()
            .Append("#EXTM3U\n#EXT-X-VERSION:3\n")
            .Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{TargetDuration}\n")
            .Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{first}\n")
            .Append(CultureInfo.InvariantCulture, $"#EXT-X-DISCONTINUITY-SEQUENCE:{first / Count % LoopsPerEra}\n");
        for (var n = first; n < current; n++)
        {
            // A restart of the loop: its timestamps jump back. Not before the first listed segment, whose
            // number the sequence tag gives (its loop's) whether or not it restarts the loop.
            if (n > first && n % Count == 0)
            {
                text.Append("#EXT-X-DISCONTINUITY\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{Durations[(int)(n % Count)].TotalSeconds:0.000###},\n{n}.ts\n");
        }

        return text.ToString();
    }
}
