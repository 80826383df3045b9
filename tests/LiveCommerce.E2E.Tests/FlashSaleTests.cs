using System.Net.Http.Json;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FlashSaleTests(BrowserFixture fx)
{
    [Fact]
    public async Task Host_launches_a_flash_sale_two_viewers_buy_and_a_third_sees_the_stock_drop_to_sold_out()
    {
        var stream = await fx.LiveStreamAsync("Flash drop");
        using (var glow = await fx.AsAsync("glow"))
        {
            var starts = DateTimeOffset.UtcNow.AddMinutes(2);
            await BrowserFixture.Read<FlashSaleDto>(await glow.PostAsJsonAsync("/api/flash-sales", new ScheduleFlashSaleRequest(
                "p-glow-2", null, "Two-piece flash", 9.99m, "USD", 2, starts, starts.AddMinutes(5), 1, null, [stream.Id])));
        }

        await using var hostContext = await fx.ContextAsync("mia", wide: true);
        await using var samContext = await fx.ContextAsync("sam");
        await using var anaContext = await fx.ContextAsync("ana");
        await using var watcherContext = await fx.ContextAsync();
        var studio = await hostContext.NewPageAsync();
        await studio.GotoAsync($"studio/{stream.Id}");
        var sam = await ViewerTests.WatchAsync(samContext, stream.Id);
        var ana = await ViewerTests.WatchAsync(anaContext, stream.Id);
        var watcher = await ViewerTests.WatchAsync(watcherContext, stream.Id);
        await Expect(watcher.GetByTestId("flash-sale")).ToHaveCountAsync(0);

        await studio.GetByTestId("launch-sale").ClickAsync();
        await studio.Locator("[data-testid=showcase-item][data-product-id=p-glow-2]").GetByTestId("pin").ClickAsync();

        // Everyone sees the banner with a server-clock countdown and the full stock.
        foreach (var page in new[] { sam, ana, watcher })
        {
            await Expect(page.GetByTestId("flash-title")).ToHaveTextAsync("Two-piece flash");
            await Expect(page.GetByTestId("stock-bar")).ToHaveAttributeAsync("data-remaining", "2");
        }

        // The watcher is a guest: she is offered sign-in instead of Buy.
        await Expect(watcher.GetByTestId("sign-in-to-buy")).ToHaveTextAsync("Sign in to buy");
        await Expect(watcher.GetByTestId("buy")).ToHaveCountAsync(0);
        await Expect(watcher.GetByTestId("flash-countdown")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"[45]:\d\d"));
        var stock = watcher.GetByTestId("stock-bar");

        // Sam's first card is declined: said next to the card, the hold kept; his second card pays.
        await sam.GetByTestId("buy").ClickAsync();
        await Expect(sam.GetByTestId("hold-countdown")).ToContainTextAsync(":");
        await PageSteps.PayAsync(sam.Locator("body"), card: TestCards.Declined);
        await Expect(sam.GetByTestId("card-declined")).ToContainTextAsync("declined");
        await Expect(sam.GetByTestId("hold-countdown")).ToBeVisibleAsync();
        await PageSteps.PayWithCardAsync(sam.Locator("body"));
        await Expect(sam.GetByTestId("order-confirmed")).ToBeVisibleAsync();
        await Expect(stock).ToHaveAttributeAsync("data-remaining", "1");
        await fx.ScreenshotAsync(sam, "viewer");

        await BuyAsync(ana, TestCards.ThreeDSecure); // her bank asks for 3-D Secure, which she completes
        await Expect(stock).ToHaveAttributeAsync("data-remaining", "0");
        await Expect(watcher.GetByTestId("sold-out")).ToBeVisibleAsync();
        await Expect(watcher.GetByTestId("sign-in-to-buy")).ToHaveTextAsync("Sign in to join the waitlist");
        await Expect(watcher.GetByTestId("stock-text")).ToHaveTextAsync("0 of 2 left");

        // Just-bought moments reach everyone; the studio counts the orders.
        await Expect(watcher.GetByTestId("purchase-moment")).ToHaveCountAsync(2);
        await Expect(studio.GetByTestId("orders-seen")).ToHaveTextAsync("2");
        await fx.ScreenshotAsync(studio, "studio");

        // The buyer's orders page lists the purchase.
        await sam.GetByTestId("my-orders-link").ClickAsync();
        await Expect(sam.GetByTestId("order")).ToHaveCountAsync(1);
        await Expect(sam.GetByTestId("order")).ToContainTextAsync("$9.99");
    }

    private static async Task BuyAsync(IPage page, string card = TestCards.Succeeds)
    {
        await page.GetByTestId("buy").ClickAsync();
        await Expect(page.GetByTestId("hold-countdown")).ToContainTextAsync(":");
        await PageSteps.PayAsync(page.Locator("body"), card: card);
        await Expect(page.GetByTestId("order-confirmed")).ToBeVisibleAsync();
    }
}
