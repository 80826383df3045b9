using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LiveCommerce.TestKit.Processes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// Real video end to end: ffmpeg publishes to nginx-rtmp with the host's key, node A approves it,
/// and a viewer's Chromium on node B's watch page plays the engine's HLS.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveVideoTests(BrowserFixture fx, VideoNodesFixture video, ITestOutputHelper output) : IClassFixture<VideoNodesFixture>
{
    /// <summary>From the encoder's first packet to pictures: the push, the first segments, the player's retries, a busy machine.</summary>
    private static readonly PageWaitForFunctionOptions UntilPlayed = new() { Timeout = 60_000, PollingInterval = 100 };

    /// <summary>
    /// True once the player has played <c>seconds</c> of video since window.__played was reset:
    /// forward steps of currentTime while playing, polled every 100 ms. A jump (the start at the
    /// live edge, a new attach) is not playback and does not count.
    /// </summary>
    private const string HasPlayed = """
        seconds => {
          const v = document.querySelector('[data-testid=player]');
          const p = window.__played ??= { last: v.currentTime, total: 0 };
          const step = v.currentTime - p.last;
          p.last = v.currentTime;
          if (!v.paused && step > 0 && step < 1) p.total += step;
          return p.total >= seconds;
        }
        """;

    /// <summary>True once currentTime has not moved for a second and a half (polled every 100 ms).</summary>
    private const string Stalled = """
        () => {
          const v = document.querySelector('[data-testid=player]');
          const s = window.__stall ??= { at: v.currentTime, since: Date.now() };
          if (v.currentTime !== s.at) { s.at = v.currentTime; s.since = Date.now(); }
          return Date.now() - s.since >= 1500;
        }
        """;

    private const string Player = "document.querySelector('[data-testid=player]')";

    [Fact]
    public async Task An_encoder_with_the_hosts_key_goes_live_on_the_other_node_and_plays_then_reconnecting_shows_and_playback_resumes()
    {
        var stream = await video.ScheduleAsync("On camera, for real");
        await using var context = await fx.NewContextAsync(video.B.Address);
        var page = await ViewerTests.WatchAsync(context, stream.Id);
        var status = page.GetByTestId("stream-status");
        await Expect(status).ToHaveAttributeAsync("data-status", "Upcoming");
        var url = await video.PublishUrlAsync(stream.Id);

        // The encoder connects: the engine asks node A, which takes the stream live; node B pushes it to the page.
        var clock = Stopwatch.StartNew();
        Encoder? encoder = Encoder.Publish(url);
        try
        {
            await Expect(status).ToHaveAttributeAsync("data-status", "Live", new() { Timeout = 30_000 });
            output.WriteLine($"encoder started → LIVE on node B's page: {clock.ElapsedMilliseconds} ms");
            await page.WaitForFunctionAsync(HasPlayed, 2, UntilPlayed);
            output.WriteLine($"encoder started → 2 s played: {clock.ElapsedMilliseconds} ms, through {await page.Locator(".player").GetAttributeAsync("data-playback")}");
            Assert.Equal(640, await page.EvaluateAsync<int>($"() => {Player}.videoWidth"));

            // Muted autoplay; the viewer turns the sound on from the keyboard.
            Assert.True(await page.EvaluateAsync<bool>($"() => {Player}.muted"));
            var unmute = page.GetByTestId("unmute");
            await Expect(unmute).ToBeVisibleAsync();
            await fx.ScreenshotAsync(page, "watch-live-video");
            await unmute.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(unmute).ToHaveCountAsync(0);
            Assert.False(await page.EvaluateAsync<bool>($"() => {Player}.muted"));

            var before = await LogLatencyAsync(page, stream.Id, "from the start");

            // Most viewers join a stream that has been on for a while: the player starts from a full playlist.
            var late = await ViewerTests.WatchAsync(context, stream.Id);
            await late.WaitForFunctionAsync(HasPlayed, 2, UntilPlayed);
            before.UnionWith(await LogLatencyAsync(late, stream.Id, "for a viewer who joins later"));
            await late.CloseAsync();

            // The encoder drops: the page says the host is reconnecting; the stream stays live meanwhile.
            await encoder.DisposeAsync();
            encoder = null;
            var away = page.GetByTestId("host-reconnecting");
            await Expect(away).ToHaveAttributeAsync("data-active", "true", new() { Timeout = 30_000 });
            await Expect(away).ToContainTextAsync("The host is reconnecting…");
            await Expect(status).ToHaveAttributeAsync("data-status", "Live");
            await fx.ScreenshotAsync(page, "watch-host-reconnecting");

            // Long enough for the player to run dry and the engine to remove the playlist (its
            // cleanup, about twice the playlist's length): the player errors and backs off.
            await page.WaitForFunctionAsync(Stalled, null, UntilPlayed);
            clock.Restart();
            await UntilAsync(() => video.Segments(stream.Id).Count == 0, TimeSpan.FromSeconds(60), "the engine removing the playlist");
            output.WriteLine($"player dry → playlist removed: {clock.ElapsedMilliseconds} ms; player: {await LiveStatsAsync(page)}");

            // The host comes back within the grace: the message goes and the video plays again, with the sound the viewer chose.
            clock.Restart();
            encoder = Encoder.Publish(url);
            await Expect(away).ToHaveAttributeAsync("data-active", "false", new() { Timeout = 30_000 });
            await page.EvaluateAsync("() => window.__played = undefined");
            await page.WaitForFunctionAsync(HasPlayed, 2, UntilPlayed);
            output.WriteLine($"encoder back → 2 s played again: {clock.ElapsedMilliseconds} ms");
            Assert.False(await page.EvaluateAsync<bool>($"() => {Player}.muted"));
            await Expect(page.GetByTestId("player-failed")).ToHaveCountAsync(0);

            // The engine numbered the new segments afresh; their names must be new too, or a
            // viewer's cache would serve the video from before the drop under the same name.
            var after = await LogLatencyAsync(page, stream.Id, "after the reconnect");
            Assert.Empty(after.Intersect(before));
        }
        finally
        {
            if (encoder is not null)
            {
                await encoder.DisposeAsync();
            }
        }
    }

    private static async Task<string> LiveStatsAsync(IPage page) => (await page.EvaluateAsync<JsonElement>(
        $"async () => (await import('./js/player.js')).liveStats({Player})")).GetRawText();

    /// <summary>
    /// Camera to screen, roughly (measured, not asserted; for docs/BENCHMARKS.md). The encoder sends
    /// in real time (ffmpeg -re), so a frame leaves it about when a camera would have taken it, and
    /// the engine writes each segment as its frames arrive. With hls.js, which says which segment is
    /// on screen: that segment's write time minus what is left of it. In any mode: how far the
    /// position trails the newest media the player has (seekable or buffered end), plus the age of the
    /// playlist's newest segment on disk (a slight underestimate when the player has not fetched it yet).
    /// Returns the names of the segments seen.
    /// </summary>
    private async Task<HashSet<string>> LogLatencyAsync(IPage page, string streamId, string when)
    {
        var onScreen = new List<double>();
        var fromEdge = new List<double>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var sample = 0; sample < 5; sample++)
        {
            if (sample > 0)
            {
                // A second of video between samples (a condition, not a sleep).
                await page.EvaluateAsync("() => window.__played = undefined");
                await page.WaitForFunctionAsync(HasPlayed, 1, UntilPlayed);
            }

            var stats = await page.EvaluateAsync<JsonElement>($"async () => (await import('./js/player.js')).liveStats({Player})");
            var segments = video.Segments(streamId);
            seen.UnionWith(segments.Select(s => s.Name));
            var at = DateTimeOffset.FromUnixTimeMilliseconds((long)stats.GetProperty("at").GetDouble());
            var position = stats.GetProperty("currentTime").GetDouble();
            output.WriteLine($"  {when} #{sample}: {stats.GetRawText()}; newest segment {segments.LastOrDefault().Name} written {segments.LastOrDefault().Written:HH:mm:ss.fff}");

            if (stats.TryGetProperty("segment", out var name) && name.ValueKind == JsonValueKind.String
                && segments.FirstOrDefault(s => s.Name == name.GetString()) is { Name: not null } shown)
            {
                var left = stats.GetProperty("fragmentStart").GetDouble() + stats.GetProperty("fragmentDuration").GetDouble() - position;
                onScreen.Add((at - (shown.Written - TimeSpan.FromSeconds(left))).TotalSeconds);
            }

            var known = stats.GetProperty("seekableEnd") is { ValueKind: JsonValueKind.Number } seekable ? seekable : stats.GetProperty("bufferedEnd");
            if (segments.Count > 0 && known.ValueKind == JsonValueKind.Number)
            {
                fromEdge.Add(known.GetDouble() - position + (at - segments[^1].Written).TotalSeconds);
            }
        }

        output.WriteLine($"camera to screen {when}, frame on screen vs. its segment's write time (s): {Describe(onScreen)}");
        output.WriteLine($"camera to screen {when}, behind the player's newest media + its age on disk (s): {Describe(fromEdge)}");
        return seen;
    }

    private static string Describe(List<double> seconds) => seconds.Count == 0
        ? "n/a (native HLS does not say which segment is on screen)"
        : string.Create(CultureInfo.InvariantCulture,
            $"median {seconds.Order().ElementAt(seconds.Count / 2):0.00}, min {seconds.Min():0.00}, max {seconds.Max():0.00} ({string.Join(", ", seconds.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))})");

    /// <summary>Polls a condition outside the browser (the engine's files) until it holds.</summary>
    private static async Task UntilAsync(Func<bool> condition, TimeSpan patience, string what)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(200);
        }
    }
}
