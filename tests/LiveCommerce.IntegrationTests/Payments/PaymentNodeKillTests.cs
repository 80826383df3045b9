using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure.Payments;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.IntegrationTests.Payments;

/// <summary>
/// Node A dies after the provider charged a card and before A settled the payment: the provider's webhook (sent
/// to a node that is up) or the buyer's confirmation on node B places each charged order, once.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class PaymentNodeKillTests
{
    private const int Buyers = 12;
    private const int FirstWave = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_node_killed_between_payment_and_confirmation_leaves_every_charged_order_placed_once()
    {
        var redis = await SharedRedis.ConfigurationAsync();
        var prefix = SharedRedis.UniquePrefix();
        var settings = FlashSettings.Fast();
        settings["Payments:Simulated:DuplicateRate"] = "0.5";
        settings["Payments:Simulated:MaxDelayMs"] = "300";
        var stuck = new StuckAfterCharge();
        var a = await stuck.StartNodeAsync(redis, prefix, settings);
        await using var b = await TestNode.StartAsync(redis, prefix, settings);
        var delivery = SimulatedWebhookDelivery.For(prefix);
        var provider = b.Get<SimulatedPaymentProvider>();
        var stream = await Cluster.ScheduleAsync(a);
        var sale = await FlashApi.ScheduleAsync(a, FlashApi.Request(stream.Id, quantity: 20, limit: 1));
        var tokens = await Task.WhenAll(Enumerable.Range(0, Buyers).Select(_ => a.ViewerTokenAsync()));
        var onA = await Task.WhenAll(tokens.Select(t => LiveViewer.ConnectAsync(a.Address, t, reconnect: false)));
        var seen = Enumerable.Range(0, Buyers).Select(_ => new Seen()).ToArray();
        try
        {
            // The first wave pays on A; each payment is charged and A never answers it. The second wave starts as
            // the first charge lands, so the kill finds it mid-way (reserving, checking out, paying).
            var onNodeA = Enumerable.Range(0, Buyers).Select(i => Task.Run(async () =>
            {
                if (i >= FirstWave)
                {
                    await stuck.FirstCharge;
                }

                await PayOnAAsync(onA[i], sale.Id, i, seen[i]);
            })).ToArray();
            await stuck.WaitChargedAsync(FirstWave, Patience);

            await a.KillAsync();
            // A crashed: the provider was never told, so A stays among its webhook endpoints and deliveries to it fail.
            delivery.Register("crashed-a", new Uri(a.Address, "/api/payments/webhooks/" + SimulatedPaymentProvider.ProviderName));
            await Task.WhenAll(onNodeA).WaitAsync(Patience);
            Assert.Equal(
                new[] { a, b }.Select(n => new Uri(n.Address, "/api/payments/webhooks/simulated").ToString()).Order(),
                delivery.Endpoints.Select(u => u.ToString()).Order());

            // Two in three buyers come back on node B and pay again with the same keys; the others never return.
            var comeback = await Task.WhenAll(Enumerable.Range(0, Buyers).Where(i => i % 3 != 0).Select(async i =>
            {
                await using var viewer = await LiveViewer.ConnectAsync(b.Address, tokens[i], reconnect: false);
                return (i, Result: await PayOnBAsync(viewer, sale.Id, i, seen[i]));
            }));
            await stuck.WaitIdleAsync(Patience); // every confirmation A started has reached the provider and back

            // What the provider charged for this sale: each intent once at most.
            var intents = SimulatedPaymentLedger.Shared.Intents.Values
                .Where(x => x.Metadata.TryGetValue(PaymentSettlement.HoldKey, out var hold) && HoldIds.SaleOf(hold) == sale.Id).ToList();
            Assert.All(intents, x => Assert.InRange(provider.ChargesOf(x.Id), 0, 1));
            var charged = intents.Where(x => provider.ChargesOf(x.Id) == 1).ToList();
            Assert.True(charged.Count >= FirstWave, $"{charged.Count} charged");
            var chargedOrders = charged.Select(x => HoldIds.OrderIdFor(x.Metadata[PaymentSettlement.HoldKey])).ToHashSet();

            // Each charged payment becomes its order, once: in the sale's sold count, the order log and the buyer's list.
            var after = await Eventually.WaitForAsync(() => FlashApi.GetAsync(b, sale.Id), s => s.Sold == charged.Count, $"{charged.Count} units sold", Patience);
            var log = b.Get<IOrderLog>();
            var logged = await Eventually.WaitForAsync(
                async () => (await log.ReadDayAsync(DateOnly.FromDateTime(DateTime.UtcNow))).Where(o => o.SaleId == sale.Id).Select(o => o.Id).ToHashSet(),
                ids => ids.SetEquals(chargedOrders), "every charged order in the log", Patience);
            Assert.Equal(chargedOrders, logged);
            foreach (var x in charged)
            {
                var token = tokens[Array.FindIndex(seen, s => s.HoldId == x.Metadata[PaymentSettlement.HoldKey])];
                var mine = (await FlashApi.MyOrdersAsync(b, token)).Where(o => o.SaleId == sale.Id).ToList();
                Assert.Equal(HoldIds.OrderIdFor(x.Metadata[PaymentSettlement.HoldKey]), Assert.Single(mine).Id);
                Assert.Equal(x.Id, mine[0].PaymentReference);
                Assert.Equal(0, provider.RefundCallsOf(x.Id));
            }

            // The buyers who came back got the same order the webhook (or A, before it died) placed.
            foreach (var (i, result) in comeback)
            {
                Assert.Equal(CheckoutOutcome.Confirmed, result.Outcome);
                Assert.Equal(HoldIds.OrderIdFor(seen[i].HoldId!), result.Order!.Id);
                Assert.Contains(result.Order.Id, chargedOrders);
            }

            // Only buyers who left unpaid may still hold a unit; no unit is both sold and back on sale.
            var leftUnpaid = Enumerable.Range(0, Buyers).Count(i => i % 3 == 0 && !(seen[i].HoldId is { } h && chargedOrders.Contains(HoldIds.OrderIdFor(h))));
            Assert.Equal(20, after.Sold + after.Held + after.Remaining);
            Assert.InRange(after.Held, 0, leftUnpaid);
            Assert.True(stuck.ChargedCount >= FirstWave, "A was killed before its payments were charged");
        }
        finally
        {
            delivery.Unregister("crashed-a");
            await Task.WhenAll(onA.Select(v => v.DisposeAsync().AsTask()));
            await a.DisposeAsync();
        }
    }

    /// <summary>Reserve, check out and pay on A, remembering how far it got; A's death cuts it short anywhere.</summary>
    private static async Task PayOnAAsync(LiveViewer viewer, string saleId, int i, Seen seen)
    {
        try
        {
            var held = await viewer.Hub.Reserve(null, saleId, 1, $"r{i}");
            Assert.Equal(ReserveOutcome.Held, held.Outcome);
            seen.HoldId = held.HoldId;
            var started = await viewer.Hub.Checkout(held.HoldId!, $"c{i}");
            seen.IntentId = started.Payment!.Id;
            await viewer.Hub.ConfirmPayment(seen.IntentId, TestCards.Card()); // charged, then A never answers
            Assert.Fail("A answered a payment it was made to swallow");
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // A died under the call: the buyer saw a spinner and a dropped connection.
        }
    }

    /// <summary>
    /// The buyer on B, with the same keys: the same hold and intent. One who knew the intent confirms it again
    /// (or completes it); one who did not checks out again, which answers the order when the intent was paid.
    /// </summary>
    private static async Task<CheckoutResult> PayOnBAsync(LiveViewer viewer, string saleId, int i, Seen seen)
    {
        var held = await viewer.Hub.Reserve(null, saleId, 1, $"r{i}");
        Assert.Equal(ReserveOutcome.Held, held.Outcome);
        Assert.True(seen.HoldId is null || seen.HoldId == held.HoldId, "another hold for the same key");
        seen.HoldId = held.HoldId;
        if (seen.IntentId is { } known && i % 3 == 2 && await viewer.Hub.CompletePayment(known) is { Outcome: CheckoutOutcome.Confirmed } completed)
        {
            return completed;
        }

        if (seen.IntentId is { } intentId)
        {
            return await viewer.Hub.ConfirmPayment(intentId, TestCards.Card());
        }

        var started = await viewer.Hub.Checkout(held.HoldId!, $"c{i}");
        return started.Outcome == CheckoutOutcome.Confirmed ? started : await viewer.Hub.ConfirmPayment(started.Payment!.Id, TestCards.Card());
    }

    private sealed class Seen
    {
        public string? HoldId { get; set; }

        public string? IntentId { get; set; }
    }

    /// <summary>
    /// Node A's payment port: confirmations reach the real provider (the card is charged, its webhook queued), then
    /// the call never returns, so A never settles them itself.
    /// </summary>
    internal sealed class StuckAfterCharge
    {
        private readonly ConcurrentBag<string> _charged = [];
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public Task FirstCharge => _first.Task;

        public int ChargedCount => _charged.Count;

        /// <summary>Node A: its payments go through this wrapper around the simulated provider.</summary>
        public Task<TestNode> StartNodeAsync(string redis, string prefix, IDictionary<string, string?> settings) =>
            TestNode.StartAsync(redis, prefix, settings, services: s =>
                s.AddSingleton<IPaymentProvider>(sp => new Port(sp.GetRequiredService<SimulatedPaymentProvider>(), this)));

        public Task WaitChargedAsync(int count, TimeSpan patience) =>
            Eventually.WaitForAsync(() => Task.FromResult(_charged.Count), n => n >= count, $"{count} payments charged on A", patience);

        public Task WaitIdleAsync(TimeSpan patience) =>
            Eventually.WaitForAsync(() => Task.FromResult(Volatile.Read(ref _inFlight)), n => n == 0, "A's confirmations at the provider", patience);

        private sealed class Port(IPaymentProvider inner, StuckAfterCharge owner) : IPaymentProvider
        {
            private static readonly TaskCompletionSource<PaymentIntent> Never = new();

            public string Name => inner.Name;

            public bool TestMode => inner.TestMode;

            public string SignatureHeader => inner.SignatureHeader;

            public Task<PaymentIntent> CreateIntentAsync(CreatePaymentIntent request, CancellationToken ct = default) => inner.CreateIntentAsync(request, ct);

            public Task<PaymentIntent?> GetIntentAsync(string intentId, CancellationToken ct = default) => inner.GetIntentAsync(intentId, ct);

            public async Task<PaymentIntent> ConfirmAsync(string intentId, PaymentMethodInput method, string idempotencyKey, CancellationToken ct = default)
            {
                Interlocked.Increment(ref owner._inFlight);
                PaymentIntent paid;
                try
                {
                    paid = await inner.ConfirmAsync(intentId, method, idempotencyKey, ct);
                }
                finally
                {
                    Interlocked.Decrement(ref owner._inFlight);
                }

                if (paid.Status != PaymentStatus.Succeeded)
                {
                    return paid;
                }

                owner._charged.Add(intentId);
                owner._first.TrySetResult();
                return await Never.Task;
            }

            public Task<PaymentIntent> AnswerTestChallengeAsync(string intentId, bool approve, CancellationToken ct = default) => inner.AnswerTestChallengeAsync(intentId, approve, ct);

            public Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken ct = default) => inner.RefundAsync(request, ct);

            public PaymentEvent ParseWebhook(string payload, string? signature) => inner.ParseWebhook(payload, signature);
        }
    }
}
