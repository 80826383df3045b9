using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// Seam 4 of issue 22: a share link opened signed out credits its host once the viewer signs in.
/// <c>AttributionRules</c> credits a purchase made in a stream to that stream's host whatever links the
/// buyer opened (rule 1); only a purchase outside any stream is decided by the buyer's last share-link
/// touch (rule 2). The web client buys only on a watch page, in its stream, so the purchase that proves
/// the claimed touch is made outside any stream through the hub, as the signed-in viewer
/// (<c>Reserve(null, …)</c>), and checked on the link host's dashboard in Chromium.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ShareLinkTests(BrowserFixture fx)
{
    private const string Product = "p-glow-3";

    private static readonly CultureInfo Shown = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task A_viewer_who_opens_a_hosts_product_link_in_a_fresh_browser_signs_in_and_buys_credits_that_host_on_her_dashboard()
    {
        var stream = await fx.LiveStreamAsync("Shared glow");
        ProductDto product;
        FlashSaleDto sale;
        using (var glow = await fx.AsAsync("glow"))
        {
            product = await BrowserFixture.Read<ProductDto>(await glow.GetAsync($"/api/products/{Product}"));
            var starts = DateTimeOffset.UtcNow.AddMinutes(2);
            sale = await BrowserFixture.Read<FlashSaleDto>(await glow.PostAsJsonAsync("/api/flash-sales", new ScheduleFlashSaleRequest(
                Product, null, "Shared flash", 20m, "USD", 5, starts, starts.AddMinutes(5), 2, null, [stream.Id])));
            using var mia = await fx.AsAsync("mia");
            await BrowserFixture.Read<FlashSaleDto>(await mia.PostAsync($"/api/flash-sales/{sale.Id}/launch", null));
        }

        // Leo, another host, shares the same product first. He shows it in no stream of his, so his link
        // lands on the home page; it is the viewer's older touch, which the newer one of Mia's must beat.
        ShareLinkDto leoLink;
        using (var leo = await fx.AsAsync("leo"))
        {
            leoLink = await BrowserFixture.Read<ShareLinkDto>(await leo.PostAsJsonAsync("/api/share-links", new ShareLinkRequest(null, Product)));
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

        // A fresh browser, nobody signed in, opens Leo's link: the home page, with the product shown.
        await using var viewerContext = await fx.ContextAsync();
        var page = await viewerContext.NewPageAsync();
        await page.GotoAsync(leoLink.Url.TrimStart('/'));
        await Expect(page).ToHaveURLAsync(new Regex($"/\\?product={Product}$"));
        await Expect(page.GetByTestId("shared-product").GetByTestId("shared-product-title")).ToHaveTextAsync(product.Title);

        // Then Mia's: her stream, with the product at the top of the shop.
        await page.GotoAsync(link);
        var landing = new Regex($"/watch/{Regex.Escape(stream.Id)}\\?product={Product}$");
        await Expect(page).ToHaveURLAsync(landing);
        var shared = page.GetByTestId("shared-product");
        await Expect(shared.GetByTestId("shared-product-title")).ToHaveTextAsync(product.Title);
        await Expect(shared.GetByTestId("shared-product-status")).ToHaveTextAsync("In the flash sale above");
        await Expect(page.GetByTestId("flash-title")).ToHaveTextAsync("Shared flash");
        Assert.Contains(await viewerContext.CookiesAsync(), c => c.Name == "lc_vid"); // the guest touch, remembered by this browser
        await fx.ScreenshotAsync(page, "share-link-landing");

        // She signs in with the demo sign-in and comes back to the same page; the touch becomes her account's.
        await (await PageSteps.MenuItemAsync(page, "sign-in")).ClickAsync();
        var ana = page.Locator("[data-testid=demo-account][data-handle=ana]");
        var claim = await page.RunAndWaitForResponseAsync(() => ana.ClickAsync(), r => r.Url.EndsWith("/api/share-links/claim", StringComparison.Ordinal));
        Assert.Equal(200, claim.Status);
        Assert.Equal(2, (await claim.JsonAsync())?.GetProperty("claimed").GetInt32()); // Leo's touch and Mia's
        await Expect(page).ToHaveURLAsync(landing);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Ana Souza");
        Assert.DoesNotContain(await viewerContext.CookiesAsync(), c => c.Name == "lc_vid"); // claimed: the next signed-out visit starts afresh
        await Expect(page.GetByTestId("reconnecting-banner")).ToHaveAttributeAsync("data-active", "false");

        // She buys in the flash sale, as herself, on Mia's stream: Mia's by rule 1 (the stream's host),
        // whatever touches there are.
        await page.GetByTestId("buy").ClickAsync();
        await Expect(page.GetByTestId("hold-countdown")).ToContainTextAsync(":");
        await PageSteps.PayAsync(page.Locator("body"));
        await Expect(page.GetByTestId("order-confirmed")).ToBeVisibleAsync();
        await page.GetByTestId("my-orders-link").ClickAsync();
        await Expect(page.GetByTestId("order").Filter(new() { HasText = "$20.00" })).ToHaveCountAsync(1);

        // Mia's dashboard (it refreshes by itself) credits her: 15 % of $20.00 in that stream, and one buyer.
        var earnings = dashboard.GetByTestId("chart-by-stream").Locator("tr", new() { Has = dashboard.GetByRole(AriaRole.Rowheader, new() { Name = "Shared glow" }) });
        await Expect(earnings.GetByTestId("chart-value")).ToHaveTextAsync("$3.00", new() { Timeout = 30_000 });
        var audience = dashboard.GetByTestId("stream-audience").Locator($"tr[data-stream-id='{stream.Id}']");
        await Expect(audience.Locator("td").Nth(2)).ToHaveTextAsync("1");

        // Her totals now include every order logged before this one (the projector applies the order
        // log in order): what earlier tests left is the baseline.
        var totalOrders = dashboard.GetByTestId("total-orders");
        var totalEarnings = dashboard.GetByTestId("total-commission");
        var ordersBefore = long.Parse(await totalOrders.InnerTextAsync(), NumberStyles.AllowThousands, Shown);
        var earningsBefore = decimal.Parse(await totalEarnings.InnerTextAsync(), NumberStyles.Currency, Shown);

        // Ana buys a second unit outside any stream (the hub's Reserve with no stream; the web client has
        // no such button): no stream host to credit, so only her claimed touches decide, and the last is Mia's.
        await using (var anaHub = await fx.Node.ViewerAsync("ana"))
        {
            var held = await anaHub.Hub.Reserve(null, sale.Id, 1, "outside-" + Guid.NewGuid().ToString("N")[..8]);
            Assert.Equal(ReserveOutcome.Held, held.Outcome);
            var paid = await anaHub.Hub.PayAsync(held.HoldId!, "pay-" + Guid.NewGuid().ToString("N")[..8]);
            Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
            Assert.Null(paid.Order!.StreamId);
            Assert.Null(paid.Order.Attribution);
        }

        // Mia's dashboard counts it through her link: one more order and $3.00 more, none of it in her stream.
        await Expect(totalOrders).ToHaveTextAsync((ordersBefore + 1).ToString("N0", Shown), new() { Timeout = 30_000 });
        await Expect(totalEarnings).ToHaveTextAsync((earningsBefore + 3.00m).ToString("C", Shown));
        await Expect(earnings.GetByTestId("chart-value")).ToHaveTextAsync("$3.00");

        // Leo, whose link Ana opened first, got neither order (his books hold nothing else in this run).
        using (var leo = await fx.AsAsync("leo"))
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var report = await BrowserFixture.Read<EarningsReport>(await leo.GetAsync(
                $"/api/reports/influencer?from={today.AddDays(-13):yyyy-MM-dd}&to={today:yyyy-MM-dd}&currency=USD"));
            Assert.Equal((0L, 0m, 0m), (report.Total.Orders, report.Total.Gmv, report.Total.Commission));
        }
    }
}
