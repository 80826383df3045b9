using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>The demo's video plays on a node with no video engine and no internet: the bundled clip, looping live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoVideoTests(BrowserFixture fx)
{
    private const string Player = "document.querySelector('video[data-testid=player]')";

    [Fact]
    public async Task The_demo_stream_plays_the_bundled_clip_offline_and_keeps_playing_across_the_loop()
    {
        await using var context = await fx.ContextAsync();
        // As if offline: every request for another host is noted and refused.
        var offHost = new ConcurrentQueue<string>();
        context.Request += (_, request) =>
        {
            if (!IsLocal(request.Url))
            {
                offHost.Enqueue($"{request.ResourceType} {request.Url}");
            }
        };
        await context.RouteAsync(url => !IsLocal(url), route => route.AbortAsync());

        var page = await ViewerTests.WatchAsync(context, "demo-live");
        await Expect(page.Locator(".player")).ToHaveAttributeAsync("data-playback", "hls.js");

        // Playing: the position moves at least 2 s (on a busy machine hls.js may first need a few seconds to buffer).
        var started = await page.WaitForFunctionAsync($"() => {Player}.currentTime > 0 && [{Player}.currentTime, performance.now()]", null, new() { Timeout = 30_000 });
        var from = await started.JsonValueAsync<double[]>();
        await page.WaitForFunctionAsync($"([position]) => {Player}.currentTime >= position + 2", from, new() { Timeout = 20_000 });

        // And on, past a seam of the 8 s loop (a discontinuity in the playlist), by playing, not by skipping
        // ahead: hls.js jumping to the live edge after stalls would move the position faster than the clock.
        await page.WaitForFunctionAsync($"([position]) => {Player}.currentTime >= position + 10", from, new() { Timeout = 30_000 });
        var ahead = await page.EvaluateAsync<double>($"([position, at]) => ({Player}.currentTime - position) - (performance.now() - at) / 1000", from);
        Assert.True(ahead < 1.5, $"the position ran {ahead:0.0} s ahead of the clock");
        Assert.True(await page.EvaluateAsync<bool>($"() => {Player}.muted && {Player}.error === null"));
        await Expect(page.GetByTestId("player-failed")).ToHaveCountAsync(0);

        // Nothing of the video came from elsewhere. What is left off-host is the demo's internet photos
        // (covers and products, a separate matter), refused here: only images may be in this list.
        Assert.True(offHost.All(r => r.StartsWith("image ", StringComparison.Ordinal)), string.Join("\n", offHost));
    }

    /// <summary>This machine (the node under test), or no host at all (data:, blob: URLs).</summary>
    private static bool IsLocal(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri)
        || uri.Scheme is not ("http" or "https" or "ws" or "wss")
        || uri.IsLoopback;
}
