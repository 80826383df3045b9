using System.Net.Http.Json;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>Issue 27: a viewer in Germany sees what a US brand's product costs at her door, in euros, before paying.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LandedCostTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_viewer_in_germany_sees_shipping_and_the_import_estimate_in_euros_before_paying_a_us_brand()
    {
        // glow (a US brand) ships from the US; Europe costs USD 12; the carrier collects import charges.
        using (var glow = await fx.AsAsync("glow"))
        {
            (await glow.PutAsJsonAsync("/api/brands/u-brand-glow/shipping", DemoGlowShipping)).EnsureSuccessStatusCode();
        }

        var stream = await fx.LiveStreamAsync("Landed cost to Berlin");
        var product = await BrowserFixture.Read<ProductDto>(await fx.Node.Http.GetAsync("/api/products/p-glow-3"));
        await using (var mia = await fx.ContextAsync("mia", wide: true))
        {
            var studio = await mia.NewPageAsync();
            await studio.GotoAsync($"studio/{stream.Id}");
            await studio.Locator("[data-testid=showcase-item][data-product-id=p-glow-3]").GetByTestId("pin").ClickAsync();
        }

        // Leo lives in Berlin now: he adds the address on his account page (the post code typed loosely first).
        await using var context = await fx.ContextAsync("leo", currency: "EUR");
        var page = await context.NewPageAsync();
        await page.GotoAsync("account");
        var book = page.GetByTestId("address-book");
        await book.GetByTestId("address-add").ClickAsync();
        await book.GetByTestId("address-country").SelectOptionAsync("DE");
        await book.GetByTestId("address-name").FillAsync("Leo García");
        await book.GetByTestId("address-line1").FillAsync("Torstraße 1");
        await book.GetByTestId("address-postal-code").FillAsync("1011");
        await book.GetByTestId("address-city").FillAsync("Berlin");
        await book.GetByTestId("address-default").CheckAsync();
        await book.GetByTestId("address-save").ClickAsync();
        await Expect(book.GetByTestId("error-postalCode")).ToBeVisibleAsync(); // four digits is not a German post code
        await book.GetByTestId("address-postal-code").FillAsync("10115");
        await book.GetByTestId("address-save").ClickAsync();
        var saved = book.Locator("[data-testid=address][data-country=DE]");
        await Expect(saved.GetByTestId("address-is-default")).ToBeVisibleAsync();

        try
        {
            // Watching on a phone: Buy, then before Pay the cost at his door in euros (the dollars beside it).
            var viewer = await ViewerTests.WatchAsync(context, stream.Id);
            var panel = viewer.Locator("[data-testid=pinned-product][data-product-id=p-glow-3]").GetByTestId("item-buy-panel");
            if (product.Variants.Count > 0)
            {
                await panel.GetByTestId("item-variant").SelectOptionAsync(product.Variants.First(v => v.Stock > 0).Sku);
            }

            await panel.GetByTestId("item-buy").ClickAsync();
            await Expect(panel.GetByTestId("item-hold-countdown")).ToContainTextAsync(":");
            await Expect(panel.GetByTestId("ship-to")).ToContainTextAsync("Torstraße 1"); // the default, prefilled
            var breakdown = panel.GetByTestId("landed-cost");
            await Expect(breakdown).ToHaveAttributeAsync("data-country", "DE");
            await Expect(breakdown).ToHaveAttributeAsync("data-currency", "EUR");
            await Expect(breakdown.GetByTestId("landed-shipping")).ToContainTextAsync("€11.04"); // USD 12 at 0.92
            await Expect(breakdown.GetByTestId("landed-shipping")).ToContainTextAsync("$12.00");
            await Expect(breakdown.GetByTestId("landed-duties")).ToContainTextAsync("€");
            await Expect(breakdown.GetByTestId("landed-taxes")).ToContainTextAsync("€");
            await Expect(breakdown.GetByTestId("landed-due")).ToContainTextAsync("€"); // DAP: the carrier collects them
            await Expect(breakdown.GetByTestId("landed-total")).ToContainTextAsync("€");
            Assert.Equal(412, await viewer.EvaluateAsync<int>("() => document.documentElement.scrollWidth")); // no sideways scroll on a phone
            await fx.ScreenshotAsync(viewer, "viewer-landed-cost", forDocs: false);

            await PageSteps.PayAsync(panel, "item-");
            await Expect(panel.GetByTestId("item-order-confirmed")).ToBeVisibleAsync();
            using var leo = await fx.AsAsync("leo");
            var order = (await BrowserFixture.Read<OrderDto[]>(await leo.GetAsync("/api/orders/mine?limit=5")))[0];
            Assert.Equal(("DE", "EUR", 12m), (order.ShipTo?.Country, order.Landed?.Display.Currency, order.Landed?.Brand.Shipping));
        }
        finally
        {
            // Leo lives in Spain again for the other tests.
            using var leo = await fx.AsAsync("leo");
            foreach (var address in await BrowserFixture.Read<AddressDto[]>(await leo.GetAsync("/api/me/addresses")))
            {
                (await leo.DeleteAsync($"/api/me/addresses/{address.Id}")).EnsureSuccessStatusCode();
            }
        }
    }

    /// <summary>The demo's own settings for glow (Demo/DemoShipping.cs), so running this test changes nothing for the others.</summary>
    private static readonly BrandShippingDto DemoGlowShipping = LiveCommerce.Server.Demo.DemoShipping.Glow;
}
