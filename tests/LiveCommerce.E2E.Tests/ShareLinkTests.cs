using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ShareLinkTests(BrowserFixture fx)
{
    private const string Product = "p-glow-3";

    [Fact]
    public async Task A_viewer_who_opens_a_hosts_product_link_in_a_fresh_browser_signs_in_and_buys_credits_that_host_on_her_dashboard()
    {
        var stream = await fx.LiveStreamAsync("Shared glow");
        ProductDto product;
        using (var glow = await fx.AsAsync("glow"))
        {
            product = await BrowserFixture.Read<ProductDto>(await glow.GetAsync($"/api/products/{Product}"));
            var starts = DateTimeOffset.UtcNow.AddMinutes(2);
            var sale = await BrowserFixture.Read<FlashSaleDto>(await glow.PostAsJsonAsync("/api/flash-sales", new ScheduleFlashSaleRequest(
                Product, null, "Shared flash", 20m, "USD", 5, starts, starts.AddMinutes(5), 1, null, [stream.Id])));
            using var mia = await fx.AsAsync("mia");
            await BrowserFixture.Read<FlashSaleDto>(await mia.PostAsync($"/api/flash-sales/{sale.Id}/launch", null));
        }

        // Mia makes a link to one product of her stream, in her dashboard.
        await using var hostContext = await fx.ContextAsync("mia", wide: true);
        var dashboard = await hostContext.NewPageAsync();
        await dashboard.GotoAsync("dashboard");
        await dashboard.GetByTestId("share-stream").SelectOptionAsync(stream.Id);
        var productPicker = dashboard.GetByTestId("share-product");
        await Expect(productPicker).ToHaveAttributeAsync("data-showcase-of", stream.Id);
        await productPicker.SelectOptionAsync(Product);
        await dashboard.GetByTestId("create-share-link").ClickAsync();
        var shareUrl = dashboard.GetByTestId("share-url");
        await Expect(shareUrl).ToHaveValueAsync(new Regex("/s/[A-Z0-9]{8}$"));
        var link = await shareUrl.InputValueAsync();

        // A fresh browser, nobody signed in, opens it: Mia's stream, with the product at the top of the shop.
        await using var viewerContext = await fx.ContextAsync();
        var page = await viewerContext.NewPageAsync();
        await page.GotoAsync(link);
        var landing = new Regex($"/watch/{Regex.Escape(stream.Id)}\\?product={Product}$");
        await Expect(page).ToHaveURLAsync(landing);
        var shared = page.GetByTestId("shared-product");
        await Expect(shared.GetByTestId("shared-product-title")).ToHaveTextAsync(product.Title);
        await Expect(shared.GetByTestId("shared-product-status")).ToHaveTextAsync("In the flash sale above");
        await Expect(page.GetByTestId("flash-title")).ToHaveTextAsync("Shared flash");
        Assert.Contains(await viewerContext.CookiesAsync(), c => c.Name == "lc_vid"); // the guest touch, remembered by this browser
        await fx.ScreenshotAsync(page, "share-link-landing", forDocs: false);

        // She signs in with the demo sign-in and comes back to the same page; the touch becomes her account's.
        await page.GetByTestId("sign-in").ClickAsync();
        var ana = page.Locator("[data-testid=demo-account][data-handle=ana]");
        var claim = await page.RunAndWaitForResponseAsync(() => ana.ClickAsync(), r => r.Url.EndsWith("/api/share-links/claim", StringComparison.Ordinal));
        Assert.Equal(200, claim.Status);
        Assert.Equal(1, (await claim.JsonAsync())?.GetProperty("claimed").GetInt32());
        await Expect(page).ToHaveURLAsync(landing);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Ana Souza");
        Assert.DoesNotContain(await viewerContext.CookiesAsync(), c => c.Name == "lc_vid"); // claimed: the next signed-out visit starts afresh
        await Expect(page.GetByTestId("reconnecting-banner")).ToHaveAttributeAsync("data-active", "false");

        // She buys in the flash sale, as herself.
        await page.GetByTestId("buy").ClickAsync();
        await Expect(page.GetByTestId("hold-countdown")).ToContainTextAsync(":");
        await page.GetByTestId("checkout").ClickAsync();
        await Expect(page.GetByTestId("order-confirmed")).ToBeVisibleAsync();
        await page.GetByTestId("my-orders-link").ClickAsync();
        await Expect(page.GetByTestId("order").Filter(new() { HasText = "$20.00" })).ToHaveCountAsync(1);

        // Mia's dashboard (it refreshes by itself) credits her: 15 % of $20.00 in that stream, and one buyer.
        var earnings = dashboard.GetByTestId("chart-by-stream").Locator("tr", new() { Has = dashboard.GetByRole(AriaRole.Rowheader, new() { Name = "Shared glow" }) });
        await Expect(earnings.GetByTestId("chart-value")).ToHaveTextAsync("$3.00", new() { Timeout = 30_000 });
        var audience = dashboard.GetByTestId("stream-audience").Locator($"tr[data-stream-id='{stream.Id}']");
        await Expect(audience.Locator("td").Nth(2)).ToHaveTextAsync("1");
    }
}
