using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// Orders with a life (issue 27): the brand packs and ships with a tracking number, the buyer's "My orders"
/// shows it without reloading, the buyer asks for a return, and the brand approves and refunds it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FulfilmentTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_brand_ships_the_buyer_sees_it_live_asks_for_a_return_and_the_brand_refunds_it()
    {
        var stream = await fx.LiveStreamAsync("Fulfilment journey");
        await using var hostContext = await fx.ContextAsync("mia", wide: true);
        var studio = await hostContext.NewPageAsync();
        await studio.GotoAsync($"studio/{stream.Id}");
        await studio.Locator("[data-testid=showcase-item][data-product-id=p-glow-2]").GetByTestId("pin").ClickAsync();

        // A viewer on a phone buys one unit.
        await using var viewerContext = await fx.ContextAsync("ana");
        var viewer = await ViewerTests.WatchAsync(viewerContext, stream.Id);
        var panel = viewer.Locator("[data-testid=pinned-product][data-product-id=p-glow-2]").GetByTestId("item-buy-panel");
        var product = await BrowserFixture.Read<ProductDto>(await fx.Node.Http.GetAsync("/api/products/p-glow-2"));
        await panel.GetByTestId("item-variant").SelectOptionAsync(product.Variants.Last(v => v.Stock >= 1).Sku);
        await panel.GetByTestId("item-buy").ClickAsync();
        await PageSteps.PayAsync(panel, "item-");
        var orderId = await panel.GetByTestId("item-order-confirmed").GetAttributeAsync("data-order-id");
        Assert.NotNull(orderId);

        // "My orders" stays open on the viewer's phone from here on: nothing below reloads it.
        var orders = await viewerContext.NewPageAsync();
        await orders.GotoAsync("orders");
        var mine = orders.Locator($"[data-testid=order][data-order-id='{orderId}']");
        await Expect(mine).ToBeVisibleAsync();

        // The brand packs, after reading the packing list, and ships with a tracking number.
        await using var brandContext = await fx.ContextAsync("glow", wide: true);
        var brand = await brandContext.NewPageAsync();
        await brand.GotoAsync("console");
        await brand.GetByTestId("fulfilment-link").ClickAsync();
        var shipment = await ShipmentAsync(brand, orderId!);
        await shipment.GetByTestId("show-packing-list").ClickAsync();
        await Expect(shipment.GetByTestId("packing-line")).Not.ToHaveCountAsync(0);
        await shipment.GetByTestId("pack").ClickAsync();
        await Expect(orders.Locator($"[data-testid=order][data-order-id='{orderId}'][data-status=packed]")).ToBeVisibleAsync();

        await brand.GetByTestId($"tab-{FulfilmentStages.ToShip}").ClickAsync();
        shipment = await ShipmentAsync(brand, orderId!);
        await shipment.GetByTestId("carrier").FillAsync("DHL");
        await shipment.GetByTestId("tracking").FillAsync("bad<tracking>");
        await shipment.GetByTestId("ship").ClickAsync();
        await Expect(shipment.GetByTestId("error-trackingNumber")).Not.ToBeEmptyAsync(); // next to its field, nothing shipped
        await shipment.GetByTestId("tracking").FillAsync("JD0146000012345");
        await shipment.GetByTestId("ship").ClickAsync();
        await Expect(brand.GetByTestId("queue-status")).Not.ToBeEmptyAsync();

        // The buyer sees "shipped" and the tracking number appear, without reloading.
        var shipped = orders.Locator($"[data-testid=order][data-order-id='{orderId}'][data-status=shipped]");
        await Expect(shipped).ToBeVisibleAsync();
        await Expect(shipped.GetByTestId("order-status")).ToHaveTextAsync("Shipped");
        await Expect(shipped.GetByTestId("order-tracking")).ToContainTextAsync("JD0146000012345");

        // Delivered: the buyer may ask for a return, with a reason.
        await brand.GetByTestId($"tab-{FulfilmentStages.InTransit}").ClickAsync();
        await (await ShipmentAsync(brand, orderId!)).GetByTestId("deliver").ClickAsync();
        var delivered = orders.Locator($"[data-testid=order][data-order-id='{orderId}'][data-status=delivered]");
        await delivered.GetByTestId("request-return").ClickAsync();
        await delivered.GetByTestId("return-reason").FillAsync("It is too small");
        await delivered.GetByTestId("send-return").ClickAsync();
        await Expect(orders.Locator($"[data-testid=order][data-order-id='{orderId}'][data-status=return_requested]")).ToBeVisibleAsync();
        Assert.Equal(412, await orders.EvaluateAsync<int>("() => document.documentElement.scrollWidth")); // no sideways scroll on a phone

        // The brand approves: the buyer is refunded, and sees it.
        await brand.GetByTestId($"tab-{FulfilmentStages.Returns}").ClickAsync();
        var ret = brand.Locator($"[data-testid=return][data-order-id='{orderId}']");
        await Expect(ret).ToContainTextAsync("It is too small");
        await ret.GetByTestId("approve-return").ClickAsync();
        await Expect(ret).ToHaveCountAsync(0);
        var refunded = orders.Locator($"[data-testid=order][data-order-id='{orderId}'][data-status=refunded]");
        await Expect(refunded).ToBeVisibleAsync();
        await Expect(refunded.GetByTestId("order-status")).ToHaveTextAsync("Refunded");
    }

    /// <summary>The shipment holding the order in the tab shown: the books take a moment to get a new order, so Refresh until it is there.</summary>
    private static async Task<ILocator> ShipmentAsync(IPage brand, string orderId)
    {
        var shipment = brand.Locator("[data-testid=shipment]").Filter(new() { Has = brand.Locator($"[data-order-id='{orderId}']") });
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Expect(shipment).ToBeVisibleAsync(new() { Timeout = 2_000 });
                return shipment;
            }
            catch (Exception e) when (attempt < 10 && e is PlaywrightException or TimeoutException)
            {
                await brand.GetByTestId("reload-queue").ClickAsync();
            }
        }
    }
}
