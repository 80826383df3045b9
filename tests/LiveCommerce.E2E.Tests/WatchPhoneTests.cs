using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>The watch page on a touch phone (390×844): the stream is the page, the shop opens over the video, a swipe changes the stream.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WatchPhoneTests(BrowserFixture fx)
{
    private const string Player = "document.querySelector('video[data-testid=player]')";

    /// <summary>A phone with a touch screen, signed in as <paramref name="handle"/> (or a guest).</summary>
    private async Task<IBrowserContext> PhoneAsync(string? handle = null)
    {
        var context = await fx.Browser.NewContextAsync(new()
        {
            BaseURL = fx.Address.ToString(),
            Locale = "en-US",
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            HasTouch = true,
            IsMobile = true,
        });
        context.SetDefaultTimeout(15_000);
        if (handle is not null)
        {
            await BrowserFixture.DevSignInAsync(context, handle);
        }

        return context;
    }

    /// <summary>Waits until every element named is on the first screen (inside the viewport, not scrolled to), else fails saying where each is.</summary>
    internal static async Task AssertOnFirstScreenAsync(IPage page, params string[] selectors)
    {
        const string Check = """
            selectors => selectors.every(s => { const e = document.querySelector(s); if (!e) return false;
              const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; })
            """;
        try
        {
            await page.WaitForFunctionAsync(Check, selectors, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            var where = await page.EvaluateAsync<string>("""
                selectors => selectors.map(s => { const e = document.querySelector(s); if (!e) return s + ': missing';
                  const r = e.getBoundingClientRect(); return `${s}: ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`; }).join('; ') + ` (viewport ${innerWidth}×${innerHeight}, scrollY ${scrollY})`
                """, selectors);
            Assert.Fail("not all on the first screen: " + where);
        }
    }

    [Fact]
    public async Task On_a_phone_the_video_the_pinned_product_and_Buy_share_the_first_screen_and_a_purchase_in_the_sheet_never_stops_the_video()
    {
        await using var context = await PhoneAsync("ana");
        var page = await ViewerTests.WatchAsync(context, "demo-live");

        await AssertOnFirstScreenAsync(page, "video[data-testid=player]", "[data-testid=stage-product]", "[data-testid=stage-buy]");
        await page.WaitForFunctionAsync($"() => {Player}.currentTime > 0 && !{Player}.paused", null, new() { Timeout = 30_000 });
        await fx.ScreenshotAsync(page, "watch-phone-first-screen");

        // One tap on Buy: the shop opens as a sheet over the video, which keeps playing.
        var sheet = page.GetByTestId("shop-sheet");
        var flash = await page.GetByTestId("stage-product").GetAttributeAsync("data-state") == "sale";
        var tid = flash ? "" : "item-"; // a live flash sale is bought in its banner, a pinned product at its list price
        await page.GetByTestId("stage-buy").TapAsync();
        await Expect(sheet).ToHaveAttributeAsync("data-open", "true");
        Assert.Equal("fixed", await sheet.EvaluateAsync<string>("e => getComputedStyle(e).position"));

        await sheet.GetByTestId(tid + "buy").First.TapAsync();
        await Expect(sheet.GetByTestId(tid + "hold-countdown").First).ToContainTextAsync(":");
        var before = await page.EvaluateAsync<double>($"() => {Player}.currentTime");
        await PageSteps.PayAsync(sheet, tid);
        await Expect(sheet.GetByTestId(tid + "order-confirmed").First).ToBeVisibleAsync();
        await fx.ScreenshotAsync(page, "watch-phone-sheet");

        // The video played on through the purchase: not paused, and its position moved on.
        await page.WaitForFunctionAsync($"t => !{Player}.paused && {Player}.currentTime > t + 1", before, new() { Timeout = 20_000 });

        // Closing the sheet brings the whole screen back, and focus back to Buy.
        await page.GetByTestId("sheet-close").TapAsync();
        await Expect(sheet).ToHaveAttributeAsync("data-open", "false");
        await Expect(page.GetByTestId("stage-buy")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_shop_sheet_keeps_keyboard_focus_inside_and_gives_it_back_to_Buy_when_it_closes()
    {
        await using var context = await PhoneAsync("sam");
        var page = await ViewerTests.WatchAsync(context, "demo-live");
        var buy = page.GetByTestId("stage-buy");
        var sheet = page.GetByTestId("shop-sheet");
        const string Inside = "() => document.querySelector('[data-testid=shop-sheet]').contains(document.activeElement)";

        // Opened from the keyboard: a modal dialog, with focus in it.
        await buy.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(sheet).ToHaveAttributeAsync("data-open", "true");
        await Expect(sheet).ToHaveAttributeAsync("role", "dialog");
        await Expect(sheet).ToHaveAttributeAsync("aria-modal", "true");
        await Expect(sheet.GetByTestId("sheet-close")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync(Inside);

        // Tab and Shift+Tab go round inside it, past its last and first control, never out to the page behind.
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await page.EvaluateAsync<bool>(Inside), $"Tab #{i + 1} left the sheet");
        }

        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            Assert.True(await page.EvaluateAsync<bool>(Inside), $"Shift+Tab #{i + 1} left the sheet");
        }

        // Escape closes it; focus is back on Buy.
        await page.Keyboard.PressAsync("Escape");
        await Expect(sheet).ToHaveAttributeAsync("data-open", "false");
        await Expect(sheet).Not.ToHaveAttributeAsync("role", "dialog");
        await Expect(buy).ToBeFocusedAsync();

        // So does its Close button, pressed from the keyboard.
        await page.Keyboard.PressAsync("Enter");
        await Expect(sheet).ToHaveAttributeAsync("data-open", "true");
        await page.WaitForFunctionAsync(Inside);
        await page.GetByTestId("sheet-close").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(sheet).ToHaveAttributeAsync("data-open", "false");
        await Expect(buy).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_tap_on_the_video_hides_every_overlay_and_another_brings_them_back()
    {
        await using var context = await PhoneAsync();
        var page = await ViewerTests.WatchAsync(context, "demo-live");
        await Expect(page.GetByTestId("stage-product")).ToBeVisibleAsync();

        await page.GetByTestId("toggle-overlays").TapAsync();
        await Expect(page.GetByTestId("stage-product")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("viewer-count")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("reactions")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("sign-in-to-comment")).ToBeHiddenAsync();

        await page.GetByTestId("toggle-overlays").TapAsync();
        await Expect(page.GetByTestId("stage-product")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("reactions")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("sign-in-to-comment")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Swiping_up_moves_to_the_next_live_stream_and_down_back()
    {
        var first = await fx.LiveStreamAsync("Swipe from here");
        await fx.LiveStreamAsync("Swipe to somewhere");
        await using var context = await PhoneAsync();
        var page = await ViewerTests.WatchAsync(context, first.Id);

        var next = await page.GetByTestId("next-stream").GetAttributeAsync("data-target");
        Assert.False(string.IsNullOrEmpty(next));
        Assert.NotEqual(first.Id, next);

        await SwipeAsync(page, up: true);
        await Expect(page).ToHaveURLAsync(new Regex($"/watch/{Regex.Escape(next!)}$"));
        await Expect(page.GetByTestId("stream-title")).Not.ToHaveTextAsync("Swipe from here");

        await Expect(page.GetByTestId("prev-stream")).ToHaveAttributeAsync("data-target", first.Id);
        await SwipeAsync(page, up: false);
        await Expect(page).ToHaveURLAsync(new Regex($"/watch/{Regex.Escape(first.Id)}$"));
        await Expect(page.GetByTestId("stream-title")).ToHaveTextAsync("Swipe from here");
    }

    /// <summary>A finger moving across the middle of the screen, as a phone reports it.</summary>
    private static Task SwipeAsync(IPage page, bool up) => page.EvaluateAsync("""
        up => {
          const s = document.querySelector('[data-testid=watch-screen]');
          const r = s.getBoundingClientRect();
          const x = r.left + r.width / 2, from = r.top + r.height * (up ? 0.7 : 0.3), to = r.top + r.height * (up ? 0.3 : 0.7);
          const touch = y => new Touch({ identifier: 1, target: s, clientX: x, clientY: y });
          s.dispatchEvent(new TouchEvent('touchstart', { touches: [touch(from)], changedTouches: [touch(from)], bubbles: true, cancelable: true }));
          s.dispatchEvent(new TouchEvent('touchmove', { touches: [touch(to)], changedTouches: [touch(to)], bubbles: true, cancelable: true }));
          s.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [touch(to)], bubbles: true, cancelable: true }));
        }
        """, up);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_viewers_own_comment_is_in_view_after_sending_even_in_a_busy_chat(bool wide)
    {
        // A chat longer than its box: the host (who is not rate-limited) has said a lot.
        var stream = await fx.LiveStreamAsync("Busy chat " + (wide ? "wide" : "phone"));
        await using (var mia = await fx.Node.ViewerAsync("mia"))
        {
            await mia.JoinAsync(stream.Id);
            for (var i = 1; i <= 30; i++)
            {
                await mia.Hub.SendComment(stream.Id, $"Host says {i}");
            }
        }

        await using var context = wide ? await fx.ContextAsync("sam", wide: true) : await PhoneAsync("sam");
        var page = await ViewerTests.WatchAsync(context, stream.Id);
        var list = page.GetByTestId("comment-list");
        await page.WaitForFunctionAsync("() => { const l = document.querySelector('[data-testid=comment-list]'); return l.scrollHeight > l.clientHeight + 40; }",
            null, new() { Timeout = 15_000 });

        // Scrolled up to read: new comments do not pull the list away.
        await list.EvaluateAsync("l => l.scrollTop = 0");
        var text = "Mine " + Guid.NewGuid().ToString("N")[..8];
        await page.GetByTestId("comment-input").FillAsync(text);
        await page.GetByTestId("comment-send").ClickAsync();

        await page.WaitForFunctionAsync("""
            text => { const l = document.querySelector('[data-testid=comment-list]');
              const item = [...l.querySelectorAll('[data-testid=comment-text]')].find(e => e.textContent === text); if (!item) return false;
              const a = l.getBoundingClientRect(), b = item.getBoundingClientRect();
              return b.top >= a.top - 1 && b.bottom <= a.bottom + 1 && b.top >= 0 && b.bottom <= innerHeight; }
            """, text, new() { Timeout = 15_000 });
        await fx.ScreenshotAsync(page, wide ? "watch-chat-desktop" : "watch-chat-phone");
    }

    [Fact]
    public async Task An_ended_streams_page_sells_nothing_and_counts_no_viewers()
    {
        var stream = await fx.LiveStreamAsync("Over and done");
        using (var glow = await fx.AsAsync("glow"))
        {
            var now = DateTimeOffset.UtcNow;
            await BrowserFixture.Read<FlashSaleDto>(await glow.PostAsJsonAsync("/api/flash-sales", new ScheduleFlashSaleRequest(
                "p-glow-2", null, "Outlasting flash", 9m, "USD", 5, now, now.AddMinutes(15), 1, null, [stream.Id])));
        }

        await using (var mia = await fx.Node.ViewerAsync("mia"))
        {
            await mia.JoinAsync(stream.Id);
            await mia.Hub.PinProduct(stream.Id, "p-glow-3", null);
        }

        await using var context = await PhoneAsync("sam");
        var page = await ViewerTests.WatchAsync(context, stream.Id);
        await Expect(page.GetByTestId("flash-sale")).ToBeAttachedAsync(); // the sale runs on past the stream's end
        await Expect(page.GetByTestId("viewer-count")).ToBeVisibleAsync();

        using (var mia = await fx.AsAsync("mia"))
        {
            await BrowserFixture.Read<StreamDto>(await mia.PostAsync($"/api/streams/{stream.Id}/end", null));
        }

        // As it ends, and when opened afresh: no sale, no Buy, no viewer count.
        for (var fresh = 0; fresh < 2; fresh++)
        {
            if (fresh == 1)
            {
                await page.ReloadAsync();
            }

            await Expect(page.GetByTestId("stream-status")).ToHaveAttributeAsync("data-status", "Ended");
            await Expect(page.GetByTestId("shop-closed")).ToBeAttachedAsync();
            foreach (var tid in new[] { "viewer-count", "flash-sale", "buy", "item-buy", "stage-buy", "stage-product", "reactions" })
            {
                await Expect(page.GetByTestId(tid)).ToHaveCountAsync(0);
            }
        }
    }

    [Fact]
    public async Task A_reload_while_holding_keeps_the_hold_and_it_can_still_be_paid()
    {
        var stream = await fx.LiveStreamAsync("Hold across reload");
        await using (var mia = await fx.Node.ViewerAsync("mia"))
        {
            await mia.JoinAsync(stream.Id);
            await mia.Hub.PinProduct(stream.Id, "p-glow-3", null);
        }

        // Leo buys (a host may shop on another's stream): the viewers' order lists are other tests' to count.
        await using var context = await PhoneAsync("leo");
        var page = await ViewerTests.WatchAsync(context, stream.Id);
        await page.GetByTestId("stage-buy").TapAsync();
        var sheet = page.GetByTestId("shop-sheet");
        await sheet.GetByTestId("item-buy").TapAsync();
        await Expect(sheet.GetByTestId("item-hold-countdown")).ToContainTextAsync(":");

        await page.ReloadAsync();

        // The hold is back with its countdown (not "sold out", not a fresh Buy), and it pays.
        await Expect(page.GetByTestId("item-hold-countdown")).ToContainTextAsync(":");
        try
        {
            // Leo keeps no address yet: he types it in the panel, within the hold.
            await page.GetByTestId("address-country").SelectOptionAsync("ES");
            await page.GetByTestId("address-name").FillAsync("Leo García");
            await page.GetByTestId("address-line1").FillAsync("Calle Mayor 1");
            await page.GetByTestId("address-postal-code").FillAsync("28013");
            await page.GetByTestId("address-city").FillAsync("Madrid");
            await page.GetByTestId("address-save").ClickAsync();
            await Expect(page.GetByTestId("landed-total")).ToBeVisibleAsync();
            await PageSteps.PayAsync(page.Locator("body"), "item-");
            await Expect(page.GetByTestId("item-order-confirmed")).ToBeVisibleAsync();
        }
        finally
        {
            // Leo keeps no address for the other tests.
            using var leo = await fx.AsAsync("leo");
            foreach (var address in await BrowserFixture.Read<AddressDto[]>(await leo.GetAsync("/api/me/addresses")))
            {
                (await leo.DeleteAsync($"/api/me/addresses/{address.Id}")).EnsureSuccessStatusCode();
            }
        }
    }
}
