using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure.Payments;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Orders;

/// <summary>A brand's orders list and full refunds, exactly once however often and wherever they are asked.</summary>
public sealed class BrandOrdersTests(FlashCluster cluster) : IClassFixture<FlashCluster>
{
    private async Task<OrderDto> BoughtAsync()
    {
        var (stream, product) = await BuyNowApi.PinnedProductAsync(cluster.A, cluster.B);
        var (buyer, _) = await BuyNowApi.BuyerAsync(cluster.A, stream.Id);
        await using var _ = buyer;
        var held = await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, 2, "o-" + Guid.NewGuid().ToString("N"));
        var paid = await buyer.Hub.PayAsync(held.HoldId!, "pay");
        Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
        return paid.Order!;
    }

    private async Task<List<BrandOrderDto>> BrandOrdersAsync(TestNode node, string handle)
    {
        using var http = node.Authorized(await node.TokenAsync(handle));
        return await LiveApi.ReadAsync<List<BrandOrderDto>>(await http.GetAsync("/api/orders/brand?limit=500"));
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task The_brand_sees_its_orders_and_no_other_brand_or_viewer_does()
    {
        var order = await BoughtAsync();
        var mine = (await BrandOrdersAsync(cluster.B, "glow")).Single(o => o.Order.Id == order.Id);
        Assert.Null(mine.RefundedAt);
        Assert.Equal((60m, "USD"), (mine.Order.Total, mine.Order.Currency));
        Assert.DoesNotContain(await BrandOrdersAsync(cluster.A, "kite"), o => o.Order.Id == order.Id);

        using var sam = cluster.A.Authorized(await cluster.A.TokenAsync("sam"));
        using var denied = await sam.GetAsync("/api/orders/brand");
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), (denied.StatusCode, await CodeAsync(denied)));
        using var kite = cluster.A.Authorized(await cluster.A.TokenAsync("kite"));
        using var other = await kite.GetAsync($"/api/orders/brand?brandId={order.BrandId}");
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.NotMember), (other.StatusCode, await CodeAsync(other)));
        using var refund = await kite.PostAsync($"/api/orders/{order.Id}/refund", null);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.NotOwner), (refund.StatusCode, await CodeAsync(refund)));
    }

    [Fact]
    public async Task Forty_refunds_of_one_order_on_two_nodes_refund_it_once()
    {
        var order = await BoughtAsync();
        var clients = new[]
        {
            cluster.A.Authorized(await cluster.A.TokenAsync("glow")),
            cluster.B.Authorized(await cluster.B.TokenAsync("glow")),
        };
        try
        {
            using var gate = new ManualResetEventSlim();
            var answers = new ConcurrentBag<(HttpStatusCode Status, string? Code)>();
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            {
                gate.Wait();
                using var response = await clients[i % 2].PostAsync($"/api/orders/{order.Id}/refund", null);
                answers.Add((response.StatusCode, response.IsSuccessStatusCode ? null : await CodeAsync(response)));
            })).Append(Task.Run(gate.Set)));

            Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a =>
            {
                Assert.Equal(HttpStatusCode.Conflict, a.Status);
                Assert.Contains(a.Code, new[] { ErrorCodes.AlreadyRefunded, ErrorCodes.RefundInProgress });
            });

            // The payment provider refunded once, across both nodes (they share its books, as nodes share a Stripe account).
            Assert.Equal(1, ((SimulatedPaymentProvider)cluster.A.Get<IPaymentProvider>()).RefundCallsOf(order.PaymentReference));

            // Asked again later: already refunded, and the list says when.
            using var again = await clients[1].PostAsync($"/api/orders/{order.Id}/refund", null);
            Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.AlreadyRefunded), (again.StatusCode, await CodeAsync(again)));
            var listed = (await BrandOrdersAsync(cluster.A, "glow")).Single(o => o.Order.Id == order.Id);
            Assert.NotNull(listed.RefundedAt);

            // One reversal in the order log: the host's commission is taken back once.
            var log = await cluster.B.Get<IOrderLog>().ReadAfterAsync(null, 100_000);
            Assert.Single(log, e => e.IsReversal && e.Order.Id == order.Id);
        }
        finally
        {
            foreach (var c in clients)
            {
                c.Dispose();
            }
        }
    }
}
