using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Simulator;

namespace LiveCommerce.IntegrationTests.FlashSales;

/// <summary>
/// Two nodes on Redis whose reconcilers run only when a test ticks them, and count any committed
/// order not yet logged as left behind.
/// </summary>
public sealed class ReconcilingCluster() : Cluster(new Dictionary<string, string?>(FlashSettings.Fast())
{
    ["FlashSales:ReconcileAfter"] = "00:00:00",
    ["FlashSales:ReconcileInterval"] = "00:10:00",
});

/// <summary>An order that took the buyer's money reaches the order log even when its checkout died before logging it.</summary>
public sealed class OrderReconcileTests(ReconcilingCluster cluster) : IClassFixture<ReconcilingCluster>
{
    [Fact]
    public async Task An_order_committed_by_a_checkout_that_died_before_logging_it_reaches_the_buyers_orders_once()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 3, limit: 2));
        var buyerId = "u-buyer-" + Guid.NewGuid().ToString("N")[..12];
        var token = cluster.B.Get<TokenIssuer>().Issue(new SessionIdentity(buyerId, "Buyer", Roles.Viewer)).Token;
        await using var buyer = await LiveViewer.ConnectAsync(cluster.B.Address, token, reconnect: false);
        var held = await buyer.Hub.Reserve(null, sale.Id, 2, "k");
        Assert.Equal(ReserveOutcome.Held, held.Outcome);

        // What node B's checkout did before it died: the payment went through and the order was
        // committed with the units. It never reached the order log, and the buyer never retried.
        var inventory = cluster.B.Get<IFlashSaleInventory>();
        Assert.Equal(BeginCheckoutOutcome.Pay, (await inventory.BeginCheckoutAsync(held.HoldId!, buyerId, "c", TimeSpan.FromSeconds(30))).Outcome);
        var order = new OrderDto(
            HoldIds.OrderIdFor(held.HoldId!), buyerId, sale.Id, sale.BrandId, [new OrderItemDto(sale.ProductId, sale.VariantId, sale.Title, 2, sale.Price)],
            sale.Price * 2, sale.Currency, sale.Currency, stream.Id, new AttributionRef(stream.Id, stream.HostId), "pay-" + buyerId, DateTimeOffset.UtcNow);
        Assert.Equal(order.Id, await inventory.CommitAsync(held.HoldId!, buyerId, "c", order));
        Assert.Empty(await FlashApi.MyOrdersAsync(cluster.A, token));

        // Both nodes reconcile at the same moment: the order is logged, and listed once.
        await Task.WhenAll(
            cluster.A.Get<OrderLogReconciler>().RunOnceAsync(CancellationToken.None),
            cluster.B.Get<OrderLogReconciler>().RunOnceAsync(CancellationToken.None));
        Assert.Equal([order.Id], (await FlashApi.MyOrdersAsync(cluster.A, token)).Select(o => o.Id));
        var day = await cluster.A.Get<IOrderLog>().ReadDayAsync(DateOnly.FromDateTime(order.CreatedAt.UtcDateTime));
        Assert.Single(day, o => o.Id == order.Id);
        Assert.Empty(await inventory.UnloggedOrdersAsync(sale.Id, DateTimeOffset.UtcNow.AddMinutes(1)));

        // A checkout that logs its own order leaves nothing behind for the reconciler.
        await using var other = await cluster.A.ViewerAsync();
        var second = await other.Hub.Reserve(null, sale.Id, 1, "k");
        Assert.Equal(CheckoutOutcome.Confirmed, (await other.Hub.PayAsync(second.HoldId!, "c")).Outcome);
        Assert.Empty(await inventory.UnloggedOrdersAsync(sale.Id, DateTimeOffset.UtcNow.AddMinutes(1)));
    }
}
