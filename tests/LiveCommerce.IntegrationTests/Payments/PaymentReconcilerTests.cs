using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure.Payments;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Payments;

/// <summary>
/// No webhook ever arrives and the buyer never comes back: the payment reconciler (on two nodes) still turns a
/// charged payment into its order, once, and leaves an unpaid hold to expire as before.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class PaymentReconcilerTests
{
    private const int Quantity = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_charged_payment_nobody_settled_becomes_its_order_once_and_an_unpaid_hold_still_expires()
    {
        var redis = await SharedRedis.ConfigurationAsync();
        var prefix = SharedRedis.UniquePrefix();
        var settings = FlashSettings.Fast();
        settings["Payments:Simulated:DeliverWebhooks"] = "false";
        settings["FlashSales:PaymentGrace"] = "00:00:06";
        settings["FlashSales:PaymentReconcileInterval"] = "00:00:00.200";
        settings["FlashSales:PaymentReconcileAfter"] = "00:00:00.500";
        // A dies before its reconciler would look: B and C must do it.
        var onA = new Dictionary<string, string?>(settings) { ["FlashSales:PaymentReconcileAfter"] = "00:10:00" };
        var stuck = new PaymentNodeKillTests.StuckAfterCharge();
        var a = await stuck.StartNodeAsync(redis, prefix, onA);
        await using var b = await TestNode.StartAsync(redis, prefix, settings);
        await using var c = await TestNode.StartAsync(redis, prefix, settings);
        var provider = b.Get<SimulatedPaymentProvider>();
        var stream = await Cluster.ScheduleAsync(a);
        var sale = await FlashApi.ScheduleAsync(a, FlashApi.Request(stream.Id, quantity: Quantity, limit: 1, holdSeconds: 2));
        var payer = await a.ViewerTokenAsync();
        var leaver = await a.ViewerTokenAsync();
        var viewerOnA = await LiveViewer.ConnectAsync(a.Address, payer, reconnect: false);
        try
        {
            // The payer is charged on A, and A dies before it answers: no confirmation, no webhook, no return.
            var held = await viewerOnA.Hub.Reserve(null, sale.Id, 1, "r-payer");
            Assert.Equal(ReserveOutcome.Held, held.Outcome);
            var started = await viewerOnA.Hub.Checkout(held.HoldId!, "c-payer");
            var intentId = started.Payment!.Id;
            var paying = Task.Run(async () =>
            {
                try
                {
                    await viewerOnA.Hub.ConfirmPayment(intentId, TestCards.Card());
                }
                catch (Exception)
                {
                    // A died under the call.
                }
            });
            await stuck.WaitChargedAsync(1, Patience);
            await a.KillAsync();
            await paying.WaitAsync(Patience);

            // The other buyer checks out on B and never pays.
            await using var leaverOnB = await LiveViewer.ConnectAsync(b.Address, leaver, reconnect: false);
            var left = await leaverOnB.Hub.Reserve(null, sale.Id, 1, "r-leaver");
            Assert.Equal(ReserveOutcome.Held, left.Outcome);
            var unpaid = (await leaverOnB.Hub.Checkout(left.HoldId!, "c-leaver")).Payment!.Id;

            // The payer's order: once in the sold count, the order log and their orders; nothing refunded.
            var orderId = HoldIds.OrderIdFor(held.HoldId!);
            await Eventually.WaitForAsync(() => FlashApi.GetAsync(b, sale.Id), s => s.Sold == 1, "the charged unit sold", Patience);
            var log = b.Get<IOrderLog>();
            var logged = await Eventually.WaitForAsync(
                async () => (await log.ReadDayAsync(DateOnly.FromDateTime(DateTime.UtcNow))).Where(o => o.SaleId == sale.Id).Select(o => o.Id).ToHashSet(),
                ids => ids.Count > 0, "the order in the log", Patience);
            Assert.Equal(new[] { orderId }, logged);
            var mine = Assert.Single(await FlashApi.MyOrdersAsync(b, payer), o => o.SaleId == sale.Id);
            Assert.Equal((orderId, intentId), (mine.Id, mine.PaymentReference));
            Assert.Equal(1, provider.ChargesOf(intentId));
            Assert.Equal(0, provider.RefundCallsOf(intentId));

            // The unpaid hold expires as before: its unit goes back on sale, and the paid one stays sold.
            var after = await Eventually.WaitForAsync(
                () => FlashApi.GetAsync(c, sale.Id), s => s.Held == 0, "the unpaid hold expired", Patience);
            Assert.Equal((1, 0, Quantity - 1), (after.Sold, after.Held, after.Remaining));
            Assert.Equal(0, provider.ChargesOf(unpaid));
            Assert.DoesNotContain(await FlashApi.MyOrdersAsync(b, leaver), o => o.SaleId == sale.Id);
            Assert.Equal(1L, b.Get<PaymentReconciler>().Placed + c.Get<PaymentReconciler>().Placed);
            Assert.Equal(0, provider.RefundCallsOf(intentId));
        }
        finally
        {
            await viewerOnA.DisposeAsync();
            await a.DisposeAsync();
        }
    }
}
