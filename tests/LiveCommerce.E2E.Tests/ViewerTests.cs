using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ViewerTests(BrowserFixture fx)
{
    /// <summary>Opens a watch page and waits until it is live-synced (the snapshot arrived).</summary>
    internal static async Task<IPage> WatchAsync(IBrowserContext context, string streamId)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"watch/{streamId}");
        await Expect(page.GetByTestId("comment-list")).ToBeAttachedAsync();
        await Expect(page.GetByTestId("connecting")).ToHaveCountAsync(0);
        return page;
    }

    [Fact]
    public async Task A_product_the_host_pins_shows_on_a_viewers_page_within_a_second()
    {
        var stream = await fx.LiveStreamAsync("Pin race");
        await using var hostContext = await fx.ContextAsync("mia", wide: true);
        await using var viewerContext = await fx.ContextAsync();

        var studio = await hostContext.NewPageAsync();
        await studio.GotoAsync($"studio/{stream.Id}");
        var item = studio.Locator("[data-testid=showcase-item][data-product-id=p-glow-2]");
        var pin = item.GetByTestId("pin");
        await Expect(pin).ToBeEnabledAsync();
        var viewer = await WatchAsync(viewerContext, stream.Id);
        await Expect(viewer.GetByTestId("no-pins")).ToBeVisibleAsync();

        await studio.GetByTestId("pin-duration").SelectOptionAsync("60");

        // Measured in the browsers (one Chromium, one clock): from the host's click to the card in the viewer's
        // DOM. The best of three pins, because a single one can meet a stall of a busy shared machine; the best
        // still shows the push path is well under a second, which polling could not be
        // (docs/BENCHMARKS.md, "Timing allowances in the test suite").
        await studio.EvaluateAsync("() => document.addEventListener('click', () => window.__clickedAt ??= Date.now(), true)");
        var card = viewer.Locator("[data-testid=pinned-product][data-product-id=p-glow-2]");
        var latencies = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            if (round > 0)
            {
                await item.GetByTestId("unpin").ClickAsync();
                await Expect(viewer.GetByTestId("no-pins")).ToBeVisibleAsync();
            }

            await studio.EvaluateAsync("() => window.__clickedAt = undefined");
            await viewer.EvaluateAsync(@"() => { window.__seenAt = undefined; new MutationObserver((_, observer) => {
                if (document.querySelector('[data-testid=pinned-product][data-product-id=p-glow-2]')) { window.__seenAt = Date.now(); observer.disconnect(); }
              }).observe(document.body, { childList: true, subtree: true }); }");
            await pin.ClickAsync();
            await Expect(card).ToBeVisibleAsync();
            latencies.Add(await viewer.EvaluateAsync<double>("() => window.__seenAt") - await studio.EvaluateAsync<double>("() => window.__clickedAt"));
        }

        Assert.True(latencies.Min() is >= 0 and <= 1_000, $"click to card: {string.Join(", ", latencies)} ms");

        // The card: price in the viewer's currency (USD), and a countdown from the timed pin.
        await Expect(card.GetByTestId("price")).ToHaveAttributeAsync("data-currency", "USD");
        await Expect(card.GetByTestId("pin-countdown")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d:\d\d"));
        await Expect(item.GetByTestId("pinned-tag")).ToBeVisibleAsync();

        await fx.ScreenshotAsync(viewer, "viewer-pin");
        await fx.ScreenshotAsync(studio, "studio-pin");
    }

    [Fact]
    public async Task A_comment_with_script_and_html_shows_as_plain_text()
    {
        var stream = await fx.LiveStreamAsync("Hostile chat");
        await using var context = await fx.ContextAsync("sam");
        var page = await WatchAsync(context, stream.Id);
        const string hostile = "<script>window.__pwned = 1</script><b>bold</b> <img src=x onerror=\"window.__pwned = 2\">";

        await page.GetByTestId("comment-input").FillAsync(hostile);
        await page.GetByTestId("comment-send").ClickAsync();

        var text = page.GetByTestId("comment-text").Last;
        await Expect(text).ToHaveTextAsync(hostile);
        Assert.Equal(0, await page.Locator("[data-testid=comment-list] b, [data-testid=comment-list] img, [data-testid=comment-list] script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
        await Expect(page.GetByTestId("comment-input")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_refused_comment_shows_the_reason_inline()
    {
        var stream = await fx.LiveStreamAsync("Strict chat");
        using (var mia = await fx.AsAsync("mia"))
        {
            await BrowserFixture.Read<StreamBlockedWords>(await mia.PutAsJsonAsync($"/api/streams/{stream.Id}/blocked-words", new BlockedWordsRequest(["spoiler"])));
        }

        await using var context = await fx.ContextAsync("ana");
        var page = await WatchAsync(context, stream.Id);
        await page.GetByTestId("comment-input").FillAsync("big S.P.O.I.L.E.R ahead");
        await page.GetByTestId("comment-send").ClickAsync();

        await Expect(page.GetByTestId("comment-error")).ToHaveAttributeAsync("data-code", ErrorCodes.BlockedWord);
        await Expect(page.GetByTestId("comment-error")).ToContainTextAsync("isn't allowed");
        await Expect(page.GetByTestId("comment-input")).ToHaveValueAsync("big S.P.O.I.L.E.R ahead"); // kept to fix and resend
    }

    [Fact]
    public async Task A_dropped_connection_shows_reconnecting_then_the_events_that_happened_meanwhile()
    {
        var stream = await fx.LiveStreamAsync("Flaky wifi");
        await using var context = await fx.ContextAsync();
        var page = await WatchAsync(context, stream.Id);
        var banner = page.GetByTestId("reconnecting-banner");
        await Expect(banner).ToHaveAttributeAsync("data-active", "false");

        await context.SetOfflineAsync(true);
        await Expect(banner).ToHaveAttributeAsync("data-active", "true");
        await Expect(banner).ToBeVisibleAsync();

        // Meanwhile: the host renames the stream and pins a product.
        using (var mia = await fx.AsAsync("mia"))
        {
            await BrowserFixture.Read<StreamDto>(await mia.PutAsJsonAsync($"/api/streams/{stream.Id}",
                new ScheduleStreamRequest("Flaky wifi — back with a deal", "E2E", stream.ScheduledStart, null, null)));
        }

        await using (var host = await fx.Node.ViewerAsync("mia"))
        {
            await host.JoinAsync(stream.Id);
            await host.Hub.PinProduct(stream.Id, "p-glow-3", null);
        }

        await context.SetOfflineAsync(false);
        await Expect(banner).ToHaveAttributeAsync("data-active", "false", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("stream-title")).ToHaveTextAsync("Flaky wifi — back with a deal");
        await Expect(page.Locator("[data-testid=pinned-product][data-product-id=p-glow-3]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Remind_me_tells_the_viewer_in_the_page_when_the_stream_goes_live()
    {
        using var mia = await fx.AsAsync("mia");
        var stream = await BrowserFixture.Read<StreamDto>(await mia.PostAsJsonAsync("/api/streams",
            new ScheduleStreamRequest("Reminder drop", "E2E", DateTimeOffset.UtcNow.AddMinutes(1), null, null)));
        await using var context = await fx.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("");
        var remind = page.Locator($"[data-testid=upcoming-streams] li:has([data-stream-id='{stream.Id}']) [data-testid=remind-me]");
        await remind.ClickAsync();
        await Expect(remind).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("live-notice")).ToHaveCountAsync(0);

        await BrowserFixture.Read<StreamDto>(await mia.PostAsync($"/api/streams/{stream.Id}/start", null));

        var notice = page.Locator($"[data-testid=live-notice][data-stream-id='{stream.Id}']");
        await Expect(notice).ToContainTextAsync("Reminder drop is live now!");
        await notice.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("stream-title")).ToHaveTextAsync("Reminder drop");
    }
}
