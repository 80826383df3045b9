using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.FlashSales;

/// <summary>Buy now at list price on a pinned product: the viewer picks the variant and the quantity; two real nodes.</summary>
public sealed class BuyNowTests(FlashCluster cluster) : IClassFixture<FlashCluster>
{
    [Fact]
    public async Task A_viewer_buys_the_chosen_variant_and_quantity_at_list_price_credited_to_the_host()
    {
        var (stream, product) = await BuyNowApi.PinnedProductAsync(cluster.A, cluster.B, medium: 5, large: 3);
        var offer = await BuyNowApi.OfferAsync(cluster.B, product.Id);
        Assert.Equal((30m, "USD", 10), (offer.Price, offer.Currency, offer.PerBuyerLimit));
        Assert.Equal([(BuyNowApi.Medium, 5), (BuyNowApi.Large, 3)], offer.Variants.Select(v => (v.VariantId, v.Remaining)));

        var (buyer, token) = await BuyNowApi.BuyerAsync(cluster.A, stream.Id);
        await using var _ = buyer;
        var held = await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, 2, "bn-1");
        Assert.Equal((ReserveOutcome.Held, 2, 3), (held.Outcome, held.Quantity, held.Remaining));
        Assert.Equal(held.HoldId, (await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, 2, "bn-1")).HoldId); // a retry holds nothing more

        var paid = await buyer.Hub.PayAsync(held.HoldId!, "bn-pay-1", "USD", "EUR");
        Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
        var order = paid.Order!;
        Assert.Equal((60m, "USD", "EUR"), (order.Total, order.Currency, order.DisplayCurrency));
        var item = Assert.Single(order.Items);
        Assert.Equal((product.Id, BuyNowApi.Medium, 2, 30m), (item.ProductId, item.VariantId, item.Quantity, item.UnitPrice));
        Assert.Equal(new AttributionRef(stream.Id, stream.HostId), order.Attribution);
        Assert.Equal(order.Id, Assert.Single(await FlashApi.MyOrdersAsync(cluster.B, token)).Id);

        // The other node sees the stock the order took; the other variant is untouched.
        var after = await BuyNowApi.OfferAsync(cluster.B, product.Id);
        Assert.Equal([(BuyNowApi.Medium, 3), (BuyNowApi.Large, 3)], after.Variants.Select(v => (v.VariantId, v.Remaining)));
    }

    [Fact]
    public async Task A_new_list_price_is_what_the_next_buyer_pays()
    {
        var (stream, product) = await BuyNowApi.PinnedProductAsync(cluster.A, cluster.B);
        var (buyer, _) = await BuyNowApi.BuyerAsync(cluster.B, stream.Id);
        await using var _ = buyer;
        var first = await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Large, 1, "price-1");
        Assert.Equal(30m, (await buyer.Hub.PayAsync(first.HoldId!, "price-pay-1")).Order!.Total);

        using var glow = cluster.A.Authorized(await cluster.A.TokenAsync("glow"));
        (await glow.PutAsJsonAsync($"/api/products/{product.Id}", new ProductRequest(
            product.Title, product.Description, new Money(35m, "USD"), 0,
            product.Variants.Select(v => new VariantRequest(v.Sku, v.Size, v.Color, v.Stock)).ToList(), null), LiveApi.Json)).EnsureSuccessStatusCode();

        var second = await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Large, 1, "price-2");
        Assert.Equal(35m, (await buyer.Hub.PayAsync(second.HoldId!, "price-pay-2")).Order!.Total);
    }

    [Fact]
    public async Task The_brands_new_stock_reaches_buy_now_and_cannot_go_below_what_is_sold_and_held()
    {
        var (stream, product) = await BuyNowApi.PinnedProductAsync(cluster.A, cluster.B, medium: 5, large: 3);
        var (buyer, _) = await BuyNowApi.BuyerAsync(cluster.A, stream.Id);
        await using var _ = buyer;
        var sold = await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, 2, "stock-1");
        Assert.Equal(CheckoutOutcome.Confirmed, (await buyer.Hub.PayAsync(sold.HoldId!, "stock-pay-1")).Outcome);
        Assert.Equal(ReserveOutcome.Held, (await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, 1, "stock-2")).Outcome);

        // 2 sold + 1 held: 2 is refused next to the medium's stock, and nothing changes (the large's 9 neither).
        using var glow = cluster.B.Authorized(await cluster.B.TokenAsync("glow"));
        var below = await glow.PutAsJsonAsync($"/api/products/{product.Id}/variants", Variants(product, medium: 2, large: 9), LiveApi.Json);
        Assert.Equal(HttpStatusCode.Conflict, below.StatusCode);
        var body = await below.Content.ReadAsStringAsync();
        Assert.Contains(ErrorCodes.QuantityBelowCommitted, body, StringComparison.Ordinal);
        Assert.Contains("\"variants[0].stock\"", body, StringComparison.Ordinal);
        Assert.Equal([(BuyNowApi.Medium, 2), (BuyNowApi.Large, 3)], (await BuyNowApi.OfferAsync(cluster.A, product.Id)).Variants.Select(v => (v.VariantId, v.Remaining)));

        // 8 in all: 2 sold, 1 held, 5 left to buy now, on either node.
        (await glow.PutAsJsonAsync($"/api/products/{product.Id}/variants", Variants(product, medium: 8, large: 3), LiveApi.Json)).EnsureSuccessStatusCode();
        Assert.Equal([(BuyNowApi.Medium, 5), (BuyNowApi.Large, 3)], (await BuyNowApi.OfferAsync(cluster.A, product.Id)).Variants.Select(v => (v.VariantId, v.Remaining)));
    }

    private static ProductVariantsRequest Variants(ProductDto product, int medium, int large) =>
        new(product.Variants.Select(v => new VariantRequest(v.Sku, v.Size, v.Color, v.Sku == BuyNowApi.Medium ? medium : large)).ToList());

    [Fact]
    public async Task Bad_choices_are_refused_with_stable_codes_and_hold_nothing()
    {
        var (stream, product) = await BuyNowApi.PinnedProductAsync(cluster.A, cluster.B, medium: 5);
        var (_, other) = await BuyNowApi.PinnedProductAsync(cluster.A, cluster.B);
        var (buyer, _) = await BuyNowApi.BuyerAsync(cluster.A, stream.Id);
        var (thief, _) = await BuyNowApi.BuyerAsync(cluster.B, stream.Id);
        await using var b1 = buyer;
        await using var b2 = thief;

        foreach (var quantity in new[] { 0, -1, 11, int.MaxValue })
        {
            Assert.Equal(ErrorCodes.InvalidQuantity,
                await FlashApi.HubErrorCodeAsync(() => buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, quantity, $"q{quantity}")));
        }

        Assert.Equal(ErrorCodes.VariantRequired, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.ReserveItem(stream.Id, product.Id, null, 1, "nv")));
        Assert.Equal(ErrorCodes.VariantNotFound, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.ReserveItem(stream.Id, product.Id, "xl-green", 1, "bad-v")));
        // The other product's variant has the same sku, but it is that product's: buying it here names that product,
        // which is not pinned in this stream.
        Assert.Equal(ErrorCodes.NotPinned, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.ReserveItem(stream.Id, other.Id, BuyNowApi.Medium, 1, "other")));
        Assert.Equal(ErrorCodes.ProductNotFound, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.ReserveItem(stream.Id, "p-no-such", null, 1, "none")));
        Assert.Equal(ErrorCodes.NotWatching, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.ReserveItem("s-elsewhere", product.Id, BuyNowApi.Medium, 1, "away")));
        Assert.Equal(BuyNowApi.Medium, (await BuyNowApi.OfferAsync(cluster.A, product.Id)).Variants[0].VariantId);
        Assert.Equal(5, (await BuyNowApi.OfferAsync(cluster.A, product.Id)).Variants[0].Remaining); // nothing held

        // Someone else's hold cannot be paid or released by another buyer.
        var held = await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, 1, "mine");
        Assert.Equal(ErrorCodes.NotYourHold, await FlashApi.HubErrorCodeAsync(() => thief.Hub.PayAsync(held.HoldId!, "steal", "USD", null)));
        Assert.Equal(ErrorCodes.NotYourHold, await FlashApi.HubErrorCodeAsync(() => thief.Hub.ReleaseHold(held.HoldId!)));

        // Over the per-buyer limit, counting what the buyer already holds (1 of 10).
        Assert.Equal(ReserveOutcome.LimitReached, (await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, 10, "over")).Outcome);
    }

    [Fact]
    public async Task A_host_may_not_schedule_a_sale_and_nothing_is_saved()
    {
        var stream = await Streams.Cluster.ScheduleAsync(cluster.A);
        var request = await FlashApi.WithCatalogProductAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 5));
        using var mia = cluster.B.Authorized(await cluster.B.TokenAsync("mia"));
        using var response = await mia.PostAsJsonAsync("/api/flash-sales", request, LiveApi.Json);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(ErrorCodes.BrandsScheduleSales, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await LiveApi.ReadAsync<List<FlashSaleDto>>(await cluster.A.Http.GetAsync($"/api/flash-sales?streamId={stream.Id}")));
    }

    [Fact]
    public async Task A_sale_form_refusal_names_its_field()
    {
        var stream = await Streams.Cluster.ScheduleAsync(cluster.A);
        var request = FlashApi.Request(stream.Id, quantity: 5, startsAt: DateTimeOffset.UtcNow.AddDays(-1));
        using var response = await FlashApi.PostAsync(cluster.A, request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(problem.GetProperty("fields").TryGetProperty("startsAt", out _), problem.ToString());
    }
}

/// <summary>Many buyers on two nodes race for one variant's regular item: never oversold, every order paid once.</summary>
[Collection(HeavyTests.Name)]
public sealed class BuyNowCrowdTests(FlashCluster cluster) : IClassFixture<FlashCluster>
{
    [Fact]
    public async Task Buyers_on_two_nodes_never_get_more_units_than_the_variant_has()
    {
        const int stock = 20;
        var (stream, product) = await BuyNowApi.PinnedProductAsync(cluster.A, cluster.B, medium: stock);
        var nodes = new[] { cluster.A, cluster.B };
        var crowd = await FlashApi.CrowdAsync(nodes, 120, stream.Id);
        try
        {
            // Every buyer asks at once, for 1 to 3 units, and the item is created by whichever call comes first.
            var outcomes = await Task.WhenAll(crowd.Select((buyer, i) => Task.Run(async () =>
            {
                var reserved = await buyer.Viewer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, 1 + (i % 3), $"k{i}");
                var paid = reserved.Outcome == ReserveOutcome.Held ? await buyer.Viewer.Hub.PayAsync(reserved.HoldId!, $"p{i}") : null;
                return (reserved, paid);
            })));

            var held = outcomes.Where(o => o.reserved.Outcome == ReserveOutcome.Held).ToList();
            var units = held.Sum(o => o.reserved.Quantity);
            Assert.InRange(units, stock - 2, stock); // never more; at most a buyer's ask short of all of it
            Assert.All(outcomes.Where(o => o.reserved.Outcome != ReserveOutcome.Held), o => Assert.Equal(ReserveOutcome.SoldOut, o.reserved.Outcome));
            Assert.All(held, o => Assert.Equal(CheckoutOutcome.Confirmed, o.paid!.Outcome));
            Assert.Equal(held.Count, held.Select(o => o.paid!.Order!.Id).Distinct().Count());

            var item = await FlashApi.GetAsync(cluster.B, RegularItems.IdFor(product.Id, BuyNowApi.Medium));
            Assert.Equal((SaleKind.Regular, units, 0, stock - units), (item.Kind, item.Sold, item.Held, item.Remaining));
            Assert.Equal(stock - units, (await BuyNowApi.OfferAsync(cluster.A, product.Id)).Variants[0].Remaining);
            Assert.All(held, o => Assert.Equal(new AttributionRef(stream.Id, stream.HostId), o.paid!.Order!.Attribution));
        }
        finally
        {
            await FlashApi.DisposeAllAsync(crowd);
        }
    }
}
