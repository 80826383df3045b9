using System.Globalization;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// A whole live event run by people in Chromium, with no HTTP call made by the test: the brand adds a product
/// with two variants; the host (partnered with the brand) schedules a stream with a cover, builds its showcase
/// from the brand's catalog, goes live and pins the product; a viewer picks a variant and a quantity and buys
/// at list price; the brand finds the order and refunds it; the host's dashboard loses the commission.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EventJourneyTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_host_runs_a_stream_a_viewer_buys_a_variant_and_the_brands_refund_reverses_the_hosts_commission()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var productTitle = $"Journey serum {tag}";
        var streamTitle = $"Journey live {tag}";

        // 1. Glow (mia's partner in the demo) adds a product with two sizes in its console.
        await using var brandContext = await fx.ContextAsync(wide: true);
        var brand = await PageSteps.SignInAsync(brandContext, "glow", "console");
        await brand.GetByTestId("new-product-title").FillAsync(productTitle);
        await brand.GetByTestId("new-product-price").FillAsync("20.00");
        await brand.GetByTestId("new-product-currency").FillAsync("USD");
        await brand.GetByTestId("new-product-stock").FillAsync("0");
        await brand.GetByTestId("create-product").ClickAsync();
        var product = brand.GetByTestId("product").Filter(new() { Has = brand.GetByTestId("product-title").GetByText(productTitle, new() { Exact = true }) });
        await Expect(product).ToHaveCountAsync(1);
        var productId = await product.GetAttributeAsync("data-product-id");
        await PageSteps.AddVariantsAsync(product, ("30 ml", null, 4), ("50 ml", null, 6));

        // 2. Mia schedules the stream with a cover in her studio.
        await using var hostContext = await fx.ContextAsync(wide: true);
        var host = await PageSteps.SignInAsync(hostContext, "mia", "studio");
        await host.GetByTestId("new-stream").ClickAsync();
        await host.GetByLabel("Title").FillAsync(streamTitle);
        await host.GetByLabel("Description").FillAsync("Two sizes, one serum");
        await host.GetByLabel("Starts at").FillAsync(DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await host.GetByTestId("stream-cover-input").SetInputFilesAsync(PageSteps.CoverPng);
        await Expect(host.GetByTestId("cover-picked")).ToContainTextAsync("cover.png");
        await host.GetByTestId("save-stream").ClickAsync();
        await Expect(host).ToHaveURLAsync(new Regex("/studio$"));
        await host.GetByTestId("studio-group-upcoming").GetByTestId("studio-stream").Filter(new() { HasText = streamTitle })
            .GetByTestId("studio-stream-link").ClickAsync();
        await Expect(host).ToHaveURLAsync(new Regex("/studio/[^/]+$"));
        var streamId = new Uri(host.Url).Segments[^1];
        await Expect(host.GetByTestId("check-cover")).ToHaveAttributeAsync("data-done", "true");
        await Expect(host.GetByTestId("check-showcase")).ToHaveAttributeAsync("data-done", "false");

        // Its showcase comes from the partnered catalog: she searches, adds the serum, and the checklist ticks it at once.
        await host.GetByTestId("showcase-search").FillAsync($"serum {tag}");
        await host.GetByTestId("showcase-search").PressAsync("Enter");
        await host.Locator($"[data-testid=showcase-result][data-product-id='{productId}']").GetByTestId("add-to-showcase").ClickAsync();
        var item = host.Locator($"[data-testid=showcase-item][data-product-id='{productId}']");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(host.GetByTestId("check-showcase")).ToHaveAttributeAsync("data-done", "true");

        // She goes live and pins it.
        await host.GetByTestId("go-live").ClickAsync();
        await Expect(host.GetByTestId("end-stream")).ToBeVisibleAsync();
        await item.GetByTestId("pin").ClickAsync();
        await Expect(item.GetByTestId("pinned-tag")).ToBeVisibleAsync();

        // 3. Ana finds the stream on the home page, picks 50 ml × 2 on the pinned card and pays the list price.
        await using var viewerContext = await fx.ContextAsync();
        var viewer = await PageSteps.SignInAsync(viewerContext, "ana", "");
        await viewer.Locator($"[data-testid=live-streams] [data-testid=stream-card][data-stream-id='{streamId}']").ClickAsync();
        await Expect(viewer).ToHaveURLAsync(new Regex($"/watch/{Regex.Escape(streamId)}$"));
        var panel = viewer.Locator($"[data-testid=pinned-product][data-product-id='{productId}']").GetByTestId("item-buy-panel");
        await panel.GetByTestId("item-variant").SelectOptionAsync(new SelectOptionValue { Label = "50 ml (6 left)" });
        await panel.GetByLabel("Quantity").FillAsync("2");
        await panel.GetByTestId("item-buy").ClickAsync();
        await PageSteps.PayAsync(panel, "item-");
        var confirmed = panel.GetByTestId("item-order-confirmed");
        await Expect(confirmed).ToContainTextAsync("2 ×");
        await Expect(confirmed).ToContainTextAsync("40.00");
        var orderId = await confirmed.GetAttributeAsync("data-order-id");
        Assert.False(string.IsNullOrEmpty(orderId));

        // 4. The sale is mia's: her dashboard shows earnings from this stream.
        await host.GotoAsync("dashboard");
        var earned = host.GetByTestId("chart-by-stream").GetByRole(AriaRole.Row).Filter(new() { Has = host.GetByRole(AriaRole.Rowheader, new() { Name = streamTitle }) });
        await Expect(earned).ToHaveCountAsync(1); // the page refreshes by itself while the projector catches up
        await Expect(earned.GetByTestId("chart-value")).ToContainTextAsync("$");

        // 5. Glow finds the order in its console and refunds it, after saying yes.
        await brand.ReloadAsync();
        var order = brand.Locator($"[data-testid=brand-order][data-order-id='{orderId}']");
        await Expect(order).ToHaveAttributeAsync("data-refunded", "false");
        await order.GetByTestId("refund-order").ClickAsync();
        await order.GetByTestId("confirm-refund").ClickAsync();
        await Expect(order).ToHaveAttributeAsync("data-refunded", "true");

        // 6. The commission is reversed: the stream no longer earns mia anything (the dashboard refreshes by itself).
        await Expect(earned).ToHaveCountAsync(0);
    }
}
