using System.Globalization;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>Buy now at list price with a variant and a quantity, the brand's refund, and the flash-sale start in three languages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SalesTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_viewer_buys_a_variant_at_list_price_and_the_brand_refunds_the_order()
    {
        var stream = await fx.LiveStreamAsync("Buy now at list price");
        var product = await BrowserFixture.Read<ProductDto>(await fx.Node.Http.GetAsync("/api/products/p-glow-2"));
        var variant = product.Variants.First(v => v.Stock >= 2);

        // The host pins the product in her studio.
        await using var hostContext = await fx.ContextAsync("mia", wide: true);
        var studio = await hostContext.NewPageAsync();
        await studio.GotoAsync($"studio/{stream.Id}");
        await studio.Locator("[data-testid=showcase-item][data-product-id=p-glow-2]").GetByTestId("pin").ClickAsync();

        // A viewer on a phone picks the variant and two units, and pays the list price.
        await using var viewerContext = await fx.ContextAsync("ana"); // sam's orders are counted by FlashSaleTests
        var viewer = await ViewerTests.WatchAsync(viewerContext, stream.Id);
        var card = viewer.Locator("[data-testid=pinned-product][data-product-id=p-glow-2]");
        var panel = card.GetByTestId("item-buy-panel");
        await panel.GetByTestId("item-variant").SelectOptionAsync(variant.Sku);
        await panel.GetByLabel("Quantity").FillAsync("2");
        await panel.GetByTestId("item-buy").ClickAsync();
        await Expect(panel.GetByTestId("item-hold-countdown")).ToContainTextAsync(":");
        await PageSteps.PayAsync(panel, "item-");
        var confirmed = panel.GetByTestId("item-order-confirmed");
        await Expect(confirmed).ToContainTextAsync("2 ×");
        await Expect(confirmed).ToContainTextAsync((product.Price.Amount * 2).ToString("N2", CultureInfo.GetCultureInfo("en-US")));
        var orderId = await confirmed.GetAttributeAsync("data-order-id");
        Assert.NotNull(orderId);
        Assert.Equal(412, await viewer.EvaluateAsync<int>("() => document.documentElement.scrollWidth")); // no sideways scroll on a phone
        await fx.ScreenshotAsync(viewer, "viewer-buy-now", forDocs: false);

        // The brand finds the order in its console and refunds it, after saying yes.
        await using var brandContext = await fx.ContextAsync("glow", wide: true);
        var console = await brandContext.NewPageAsync();
        await console.GotoAsync("console");
        var row = console.Locator($"[data-testid=brand-order][data-order-id='{orderId}']");
        await Expect(row).ToHaveAttributeAsync("data-refunded", "false");
        await row.GetByTestId("refund-order").ClickAsync();
        await row.GetByTestId("confirm-refund").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-refunded", "true");
        await Expect(row.GetByTestId("order-refunded")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("refund-error")).ToHaveCountAsync(0);
        await fx.ScreenshotAsync(console, "console-orders", forDocs: false);
    }

    /// <summary>
    /// The console in each language (the culture picker's choice, which formats and parses on the page). Chromium's
    /// date-time field itself is laid out by the browser's own language, whatever the page's (an emulated locale does
    /// not change it), so the keys follow the browser's order.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("zh")]
    public async Task The_flash_sale_start_takes_a_typed_or_picked_time_in_each_language(string language)
    {
        var stream = await fx.LiveStreamAsync("Start time " + language);
        await using var context = await fx.ContextAsync("glow", language, wide: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("console");
        var sales = page.GetByTestId("console-sales");
        var start = sales.GetByTestId("sale-start");
        await Expect(start).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d$"));

        // Typed, segment by segment, in the order and clock this browser language shows (UTC is the context's zone).
        var typed = DateTime.UtcNow.Date.AddDays(2).AddHours(18).AddMinutes(30);
        await TypeAsync(page, start, typed);
        await Expect(start).ToHaveValueAsync(typed.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        // Anything else re-rendering the form leaves it as typed.
        await sales.GetByTestId("sale-title").FillAsync("Typed " + language);
        await Expect(start).ToHaveValueAsync(typed.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await SaveAsync(sales, stream.Id, "Typed " + language);
        await ExpectSaleAtAsync(page, "Typed " + language, typed);

        // Picked: the picker sets the whole value at once.
        var picked = DateTime.UtcNow.Date.AddDays(3).AddHours(9).AddMinutes(15);
        await start.FillAsync(picked.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await sales.GetByTestId("sale-title").FillAsync("Picked " + language);
        await Expect(start).ToHaveValueAsync(picked.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await SaveAsync(sales, stream.Id, "Picked " + language);
        await ExpectSaleAtAsync(page, "Picked " + language, picked);

        // Emptied: refused next to the field, nothing saved.
        await start.FillAsync("");
        await sales.GetByTestId("sale-title").FillAsync("Empty " + language);
        await sales.GetByTestId("sale-product").SelectOptionAsync("p-glow-1");
        await sales.Locator($"[data-testid=sale-stream][data-stream-id='{stream.Id}']").CheckAsync();
        await sales.GetByTestId("save-sale").ClickAsync();
        await Expect(sales.GetByTestId("error-startsAt")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("console-sale").Filter(new() { HasText = "Empty " + language })).ToHaveCountAsync(0);
    }

    private static async Task SaveAsync(ILocator sales, string streamId, string title)
    {
        await sales.GetByTestId("sale-product").SelectOptionAsync("p-glow-1");
        await sales.Locator($"[data-testid=sale-stream][data-stream-id='{streamId}']").CheckAsync();
        await sales.GetByTestId("save-sale").ClickAsync();
        await Expect(sales.GetByTestId("sale-title")).ToHaveValueAsync(""); // reset once the server took it
        await Expect(sales.GetByTestId("sale-error")).ToBeEmptyAsync();
    }

    private static async Task ExpectSaleAtAsync(IPage page, string title, DateTime utc)
    {
        var time = page.GetByTestId("console-sale").Filter(new() { HasText = title }).Locator("time");
        await Expect(time).ToHaveAttributeAsync("datetime", utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Types <paramref name="when"/> into Chromium's date-time field as a person does: the date parts in the order
    /// the browser's language writes them, then the time on its clock (12 h with AM/PM, or 24 h). Each two-digit part
    /// moves on by itself once full; the year takes up to six digits, so after it the person presses → to go on.
    /// </summary>
    private static async Task TypeAsync(IPage page, ILocator field, DateTime when)
    {
        var locale = await page.EvaluateAsync<string>("() => navigator.language");
        var order = await page.EvaluateAsync<string[]>(
            "l => new Intl.DateTimeFormat(l, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(2026, 10, 24)).filter(p => p.type !== 'literal').map(p => p.type)",
            locale);
        var twelveHour = await page.EvaluateAsync<bool>("l => new Intl.DateTimeFormat(l, { hour: 'numeric' }).resolvedOptions().hour12 === true", locale);
        await field.FocusAsync();
        foreach (var part in order)
        {
            await field.PressSequentiallyAsync(part switch
            {
                "year" => when.ToString("yyyy", CultureInfo.InvariantCulture),
                "month" => when.ToString("MM", CultureInfo.InvariantCulture),
                _ => when.ToString("dd", CultureInfo.InvariantCulture),
            });
            if (part == "year")
            {
                await field.PressAsync("ArrowRight");
            }
        }

        await field.PressSequentiallyAsync(twelveHour
            ? when.ToString("hhmm", CultureInfo.InvariantCulture) + (when.Hour < 12 ? "A" : "P")
            : when.ToString("HHmm", CultureInfo.InvariantCulture));
    }
}
