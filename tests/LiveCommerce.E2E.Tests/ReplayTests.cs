using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Replays;
using LiveCommerce.TestKit.Processes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// The replay page in Chromium: it plays the stream's recording (MP4 from media storage) and shows
/// each pinned product when the playback passes the moment it was pinned live. This node has no
/// video engine, so the recording is made the way the server makes it (stream copy of the demo clip)
/// and stored through the node's media store; the engine's path to storage is covered by the
/// integration tests (ReplayVideoTests).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplayTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_replay_plays_the_recording_and_shows_a_pin_when_the_playback_passes_the_moment_it_was_pinned()
    {
        PinDto pin;
        StreamDto stream;
        await using (var host = await fx.Node.ViewerAsync("mia"))
        {
            stream = await fx.LiveStreamAsync("Replay with a pin");
            await Task.Delay(TimeSpan.FromSeconds(2)); // the host talks a little, then pins
            pin = await host.Hub.PinProduct(stream.Id, "p-glow-2", null);
        }

        using (var mia = await fx.AsAsync("mia"))
        {
            await BrowserFixture.Read<StreamDto>(await mia.PostAsync($"/api/streams/{stream.Id}/end", null));
        }

        var started = (await fx.Node.Http.GetFromJsonAsync<StreamDto>($"/api/streams/{stream.Id}", new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        }))!.StartedAt!.Value;
        var offset = (pin.PinnedAt - started).TotalSeconds;
        Assert.InRange(offset, 2, 4); // the clip is 6 s: the moment and a little after must be in it

        var mp4 = Path.Combine(Path.GetTempPath(), $"lc-replay-e2e-{stream.Id}.mp4");
        try
        {
            Assert.Null(await Remuxer.RemuxAsync("ffmpeg", Encoder.Clip, mp4, CancellationToken.None));
            await using var file = File.OpenRead(mp4);
            await fx.Node.Get<IMediaStore>().SaveFileAsync(ReplayVideos.VideoName(stream.Id), file, "video/mp4");
        }
        finally
        {
            File.Delete(mp4);
        }

        await using var context = await fx.ContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"replay/{stream.Id}");
        var video = page.GetByTestId("replay-player");
        await Expect(video).ToBeAttachedAsync();

        // Sampled in the page while it plays, from the start until past the pin's moment: the position
        // and whether the product shows. Muted autoplay starts by itself.
        var samples = (await page.EvaluateAsync<double[][]>(@"async offset => {
            const video = document.querySelector('[data-testid=replay-player]');
            const sample = () => [video.currentTime, document.querySelector('[data-testid=pinned-product][data-product-id=""p-glow-2""]') ? 1 : 0];
            const samples = [];
            const deadline = performance.now() + 30000;
            while (performance.now() < deadline && !video.ended && video.currentTime < offset + 1.5) {
              samples.push(sample());
              await new Promise(resolve => setTimeout(resolve, 100));
            }
            samples.push(sample());
            return samples;
          }", offset)).Select(s => (T: s[0], Pinned: s[1] > 0)).ToList();

        var last = samples[^1];
        Assert.True(last.T >= offset + 1, $"the video played to {last.T:0.00} s only");
        Assert.Contains(samples, s => s.T > 0 && s.T < offset - 0.5);
        Assert.All(samples.Where(s => s.T < offset - 0.5), s => Assert.False(s.Pinned, $"shown at {s.T:0.00} s, before its moment {offset:0.00} s"));
        // timeupdate comes four times a second or so: the card follows within about that.
        Assert.All(samples.Where(s => s.T > offset + 0.6), s => Assert.True(s.Pinned, $"not shown at {s.T:0.00} s, after its moment {offset:0.00} s"));
        Assert.True(last.Pinned);
        Assert.Equal("video/mp4", await page.EvaluateAsync<string>(
            "async () => (await fetch(document.querySelector('[data-testid=replay-player]').currentSrc, { headers: { Range: 'bytes=0-1' } })).headers.get('content-type')"));

        // Usable at 390 px: nothing wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the replay page scrolls sideways at 390 px");
        await fx.ScreenshotAsync(page, "replay");

        // The moment is listed: a button (keyboard: focus, Enter) that plays from it.
        var card = page.Locator("[data-testid=pinned-product][data-product-id=p-glow-2]");
        await page.EvaluateAsync("() => { const v = document.querySelector('[data-testid=replay-player]'); v.pause(); v.currentTime = 0.2; }");
        await Expect(card).ToHaveCountAsync(0);
        var moment = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Play from 0:0\\d: {Regex.Escape(pin.Title)}$") });
        await moment.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(card).ToBeVisibleAsync();
        Assert.InRange(await page.EvaluateAsync<double>("() => document.querySelector('[data-testid=replay-player]').currentTime"), offset - 0.1, offset + 1.5);

        // Every control is labelled; Buy is reached with Tab and followed with Enter. No list-price
        // checkout exists yet, so it opens the product's page for this stream.
        Assert.Empty(await page.EvaluateAsync<string[]>(AccessibilityTests.Unlabelled));
        var buy = page.GetByRole(AriaRole.Link, new() { Name = $"Buy {pin.Title}" });
        for (var i = 0; i < 40 && await page.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid") != "replay-buy"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(buy).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex($"/watch/{stream.Id}\\?product=p-glow-2$"));
        await Expect(page.GetByTestId("shared-product-title")).ToHaveTextAsync(pin.Title);
    }
}
