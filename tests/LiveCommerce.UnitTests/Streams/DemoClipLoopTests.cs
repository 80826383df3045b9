using System.Globalization;
using LiveCommerce.Server.Infrastructure.Local.DemoClip;

namespace LiveCommerce.UnitTests.Streams;

/// <summary>The demo clip's live playlist: which segments, numbered how, across the loop's seams.</summary>
public sealed class DemoClipLoopTests
{
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);
    private static readonly DemoClipLoop Loop = new([TwoSeconds, TwoSeconds, TwoSeconds, TwoSeconds]);

    private static DateTimeOffset At(double seconds) => DateTimeOffset.UnixEpoch.AddSeconds(seconds);

    [Fact]
    public void The_playlist_lists_the_five_newest_complete_segments_with_a_discontinuity_where_the_loop_restarts()
    {
        // 69 s after the epoch: loop 8 (64–72 s), 5 s in, so segment 34 (file 2) is still being "recorded".
        Assert.Equal(
            """
            #EXTM3U
            #EXT-X-VERSION:3
            #EXT-X-TARGETDURATION:2
            #EXT-X-MEDIA-SEQUENCE:29
            #EXT-X-DISCONTINUITY-SEQUENCE:7
            #EXTINF:2.000,
            29.ts
            #EXTINF:2.000,
            30.ts
            #EXTINF:2.000,
            31.ts
            #EXT-X-DISCONTINUITY
            #EXTINF:2.000,
            32.ts
            #EXTINF:2.000,
            33.ts

            """.ReplaceLineEndings("\n"),
            Loop.Playlist(At(69)));
    }

    [Fact]
    public void A_first_segment_that_restarts_the_loop_takes_its_number_from_the_sequence_not_a_tag()
    {
        var playlist = Loop.Playlist(At(75)); // segments 32–36: 32 and 36 each restart the loop
        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:32\n#EXT-X-DISCONTINUITY-SEQUENCE:8\n#EXTINF:2.000,\n32.ts\n", playlist, StringComparison.Ordinal);
        Assert.Contains("33.ts\n#EXTINF:2.000,\n34.ts\n#EXTINF:2.000,\n35.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2.000,\n36.ts\n", playlist, StringComparison.Ordinal);
        Assert.Single(playlist.Split('\n'), "#EXT-X-DISCONTINUITY");
    }

    [Fact]
    public void At_an_eras_start_the_discontinuity_sequence_drops_back_while_the_media_sequence_goes_on()
    {
        var eraStart = DemoClipLoop.LoopsPerEra * 8; // seconds; its first segment is 4 × LoopsPerEra
        var before = Loop.Playlist(At(eraStart + 9)); // segments 39999–40003: loop 9999's last, then loop 10000
        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:39999\n#EXT-X-DISCONTINUITY-SEQUENCE:9999\n#EXTINF:2.000,\n39999.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2.000,\n40000.ts\n", before, StringComparison.Ordinal);

        var after = Loop.Playlist(At(eraStart + 11)); // segments 40000–40004
        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:40000\n#EXT-X-DISCONTINUITY-SEQUENCE:0\n#EXTINF:2.000,\n40000.ts\n", after, StringComparison.Ordinal);
        Assert.EndsWith("#EXT-X-DISCONTINUITY\n#EXTINF:2.000,\n40004.ts\n", after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_boundary_belongs_to_the_segment_that_starts_there()
    {
        Assert.Equal(34, Loop.Current(At(68)));
        Assert.Equal(33, Loop.Current(At(68).AddTicks(-1)));
        Assert.Equal(0, Loop.Current(DateTimeOffset.UnixEpoch.AddDays(-1))); // a clock before the epoch: the start, not negative numbers
    }

    [Fact]
    public void Uneven_segments_keep_their_own_durations_and_the_target_duration_is_the_longest_rounded()
    {
        var loop = new DemoClipLoop([TwoSeconds, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.5)]); // 6 s a loop
        Assert.Equal(3, loop.TargetDuration);
        Assert.Equal(3 * 1_000 + 1, loop.Current(At(6_000 + 2)));   // 2 s into loop 1000: the 1.5 s file
        Assert.Equal(3 * 1_000 + 2, loop.Current(At(6_000 + 3.5))); // its end starts the 2.5 s file
        Assert.Contains("#EXTINF:1.500,\n3001.ts\n", loop.Playlist(At(6_000 + 6)), StringComparison.Ordinal);
    }

    [Fact]
    public void As_the_clock_runs_every_playlist_agrees_on_each_segments_file_and_discontinuity_number()
    {
        // What a player does with each refresh: number segments from the two sequence tags and the tags seen.
        // (1,000,003 s is 6,667 loops into an era: the 74 s sweep stays in it.)
        var clock = new ManualClock(At(1_000_003.3));
        var loop = new DemoClipLoop([TwoSeconds, TimeSpan.FromSeconds(1.92), TimeSpan.FromSeconds(2.08)]);
        var lastSequence = 0L;
        for (var step = 0; step < 200; step++, clock.Advance(TimeSpan.FromMilliseconds(370)))
        {
            var lines = loop.Playlist(clock.GetUtcNow()).TrimEnd('\n').Split('\n');
            Assert.DoesNotContain("#EXT-X-ENDLIST", lines);
            var sequence = long.Parse(Tag(lines, "#EXT-X-MEDIA-SEQUENCE:"), CultureInfo.InvariantCulture);
            var discontinuity = long.Parse(Tag(lines, "#EXT-X-DISCONTINUITY-SEQUENCE:"), CultureInfo.InvariantCulture);
            Assert.True(sequence >= lastSequence, "the media sequence never goes back");
            lastSequence = sequence;

            var segments = lines.Where(l => l.EndsWith(".ts", StringComparison.Ordinal)).ToList();
            Assert.Equal(DemoClipLoop.Window, segments.Count);
            Assert.InRange(discontinuity, 0, DemoClipLoop.LoopsPerEra - 1); // small numbers, for hls.js (see LoopsPerEra)
            var eraStart = sequence / 3 / DemoClipLoop.LoopsPerEra * DemoClipLoop.LoopsPerEra;
            var n = sequence;
            foreach (var line in lines.SkipWhile(l => !l.StartsWith("#EXTINF", StringComparison.Ordinal) && l != "#EXT-X-DISCONTINUITY"))
            {
                if (line == "#EXT-X-DISCONTINUITY")
                {
                    discontinuity++;
                }
                else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
                {
                    Assert.Equal(loop.Durations[(int)(n % 3)].TotalSeconds, double.Parse(line[8..^1], CultureInfo.InvariantCulture), 6);
                }
                else
                {
                    Assert.Equal($"{n}.ts", line);
                    Assert.Equal(n / 3 - eraStart, discontinuity); // one number per pass through the clip
                    n++;
                }
            }

            Assert.Equal(loop.Current(clock.GetUtcNow()), n); // the newest listed is the one completed last
        }
    }

    private static string Tag(string[] lines, string tag) => lines.Single(l => l.StartsWith(tag, StringComparison.Ordinal))[tag.Length..];

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
