using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Infrastructure.Payments;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.FlashSales;

/// <summary>Two nodes whose simulated provider delivers no webhooks by itself: the tests send them, signed, when they choose.</summary>
public sealed class QuietPaymentsCluster() : Cluster(new Dictionary<string, string?>(FlashSettings.Fast())
{
    ["Payments:Simulated:DeliverWebhooks"] = "false",
    ["Payments:Simulated:WebhookSecret"] = PaymentFlowTests.Secret,
});

/// <summary>
/// Payments as card providers work, over real HTTP and SignalR on two nodes: the intent, the card, 3-D Secure,
/// and signed webhooks; the order is placed once by whichever comes first, and charged once.
/// </summary>
public sealed class PaymentFlowTests(QuietPaymentsCluster cluster) : IClassFixture<QuietPaymentsCluster>
{
    public const string Secret = "whsec_tests_only_0123456789";

    private SimulatedPaymentProvider Provider => (SimulatedPaymentProvider)cluster.A.Get<IPaymentProvider>();

    private async Task<(FlashSaleDto Sale, LiveViewer Buyer, ReserveResult Held)> HoldAsync(string handle = "sam", int quantity = 1)
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 5));
        var buyer = await cluster.B.ViewerAsync(handle);
        var held = await buyer.Hub.Reserve(null, sale.Id, quantity, "k-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(ReserveOutcome.Held, held.Outcome);
        return (sale, buyer, held);
    }

    /// <summary>A webhook as the simulated provider sends it: the intent as it is now, signed with the secret.</summary>
    private async Task<HttpResponseMessage> WebhookAsync(TestNode node, string intentId, string? eventId = null, string? secret = null, DateTimeOffset? at = null)
    {
        var intent = (await Provider.GetIntentAsync(intentId))!;
        var e = new PaymentEvent(eventId ?? "evt_" + Guid.NewGuid().ToString("N"), PaymentEvent.IntentSucceeded, intent);
        var when = at ?? DateTimeOffset.UtcNow;
        var payload = SimulatedWebhookSignature.Write(e, when);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/simulated") { Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(SimulatedPaymentProvider.Header, SimulatedWebhookSignature.Sign(payload, secret ?? Secret, when));
        return await node.Http.SendAsync(request);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;

    private async Task ApproveChallengeAsync(string intentId, string handle = "sam", bool approve = true)
    {
        using var http = cluster.A.Authorized(await cluster.A.TokenAsync(handle));
        var response = await http.PostAsJsonAsync($"/api/payments/test-challenge/{intentId}", new TestChallengeAnswer(approve), LiveApi.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Checkout_makes_one_intent_per_hold_and_the_success_card_places_the_order_once()
    {
        var (sale, buyer, held) = await HoldAsync();
        await using var _ = buyer;
        var started = await buyer.Hub.CheckoutIn(held.HoldId!, "c1", "USD", "EUR");
        Assert.Equal(CheckoutOutcome.PaymentRequired, started.Outcome);
        var intent = started.Payment!;
        Assert.Equal(("simulated", true, 12.50m, "USD", PaymentIntentStates.RequiresPaymentMethod), (intent.Provider, intent.TestMode, intent.Amount, intent.Currency, intent.Status));
        Assert.Equal(intent.Id, (await buyer.Hub.CheckoutIn(held.HoldId!, "c1", "USD", "EUR")).Payment!.Id); // a retry finds the same intent

        var paid = await buyer.Hub.ConfirmPayment(intent.Id, TestCards.Card());
        Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
        Assert.Equal(("EUR", intent.Id), (paid.Order!.DisplayCurrency, paid.Order.PaymentReference));
        Assert.Equal(paid.Order.Id, (await buyer.Hub.ConfirmPayment(intent.Id, TestCards.Card())).Order!.Id);
        Assert.Equal(paid.Order.Id, (await buyer.Hub.CheckoutIn(held.HoldId!, "c1", "USD", "EUR")).Order!.Id);
        Assert.Equal(1, Provider.ChargesOf(intent.Id));
        Assert.Equal(1, (await FlashApi.GetAsync(cluster.A, sale.Id)).Sold);
    }

    [Fact]
    public async Task Someone_elses_intent_and_a_bad_card_are_refused_and_charge_nothing()
    {
        var (_, buyer, held) = await HoldAsync();
        await using var _ = buyer;
        var intent = (await buyer.Hub.Checkout(held.HoldId!, "c1")).Payment!;
        await using var thief = await cluster.A.ViewerAsync("ana");
        Assert.Equal(ErrorCodes.PaymentNotFound, await FlashApi.HubErrorCodeAsync(() => thief.Hub.ConfirmPayment(intent.Id, TestCards.Card())));
        Assert.Equal(ErrorCodes.InvalidCard, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.ConfirmPayment(intent.Id, new PaymentCard("4242 4242 4242 4241", "12/34", "123"))));
        Assert.Equal(ErrorCodes.InvalidCard, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.ConfirmPayment(intent.Id, new PaymentCard(TestCards.Succeeds, "01/20", "123"))));
        Assert.Equal(ErrorCodes.InvalidCard, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.ConfirmPayment(intent.Id, new PaymentCard(TestCards.Succeeds, "12/34", "1"))));
        Assert.Equal(0, Provider.ChargesOf(intent.Id));
    }

    [Fact]
    public async Task The_3d_secure_card_asks_for_the_step_and_completing_it_places_the_order()
    {
        var (sale, buyer, held) = await HoldAsync();
        await using var _ = buyer;
        var intent = (await buyer.Hub.Checkout(held.HoldId!, "c1")).Payment!;
        var step = await buyer.Hub.ConfirmPayment(intent.Id, TestCards.Card(TestCards.ThreeDSecure));
        Assert.Equal((CheckoutOutcome.RequiresAction, $"/api/payments/test-challenge/{intent.Id}"), (step.Outcome, step.Payment!.NextActionUrl));
        Assert.Equal(CheckoutOutcome.RequiresAction, (await buyer.Hub.CompletePayment(intent.Id)).Outcome); // not answered yet
        Assert.Equal(0, (await FlashApi.GetAsync(cluster.A, sale.Id)).Sold);

        await ApproveChallengeAsync(intent.Id);
        var done = await buyer.Hub.CompletePayment(intent.Id);
        Assert.Equal(CheckoutOutcome.Confirmed, done.Outcome);
        Assert.Equal(1, Provider.ChargesOf(intent.Id));
    }

    [Fact]
    public async Task A_failed_3d_secure_step_keeps_the_hold_for_another_card()
    {
        var (sale, buyer, held) = await HoldAsync();
        await using var _ = buyer;
        var intent = (await buyer.Hub.Checkout(held.HoldId!, "c1")).Payment!;
        await buyer.Hub.ConfirmPayment(intent.Id, TestCards.Card(TestCards.ThreeDSecure));
        await ApproveChallengeAsync(intent.Id, approve: false);
        var failed = await buyer.Hub.CompletePayment(intent.Id);
        Assert.Equal((CheckoutOutcome.PaymentFailed, "authentication_failed"), (failed.Outcome, failed.Reason));
        Assert.Equal(1, (await FlashApi.GetAsync(cluster.A, sale.Id)).Held);
        Assert.Equal(CheckoutOutcome.Confirmed, (await buyer.Hub.ConfirmPayment(intent.Id, TestCards.Card())).Outcome);
    }

    [Fact]
    public async Task A_webhook_first_places_the_order_and_the_buyer_then_reads_the_same_one()
    {
        var (sale, buyer, held) = await HoldAsync();
        await using var _ = buyer;
        var intent = (await buyer.Hub.Checkout(held.HoldId!, "c1")).Payment!;
        await buyer.Hub.ConfirmPayment(intent.Id, TestCards.Card(TestCards.ThreeDSecure));
        await ApproveChallengeAsync(intent.Id); // paid at the bank; the buyer's page has not asked yet

        using var hook = await WebhookAsync(cluster.A, intent.Id);
        Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
        Assert.False((await hook.Content.ReadFromJsonAsync<WebhookReceipt>(LiveApi.Json))!.Duplicate);
        Assert.Equal(1, (await FlashApi.GetAsync(cluster.A, sale.Id)).Sold);

        var done = await buyer.Hub.CompletePayment(intent.Id);
        Assert.Equal((CheckoutOutcome.Confirmed, HoldIds.OrderIdFor(held.HoldId!)), (done.Outcome, done.Order!.Id));
        Assert.Single(await FlashApi.MyOrdersAsync(cluster.B, await cluster.B.TokenAsync("sam")), o => o.Id == done.Order.Id);
        Assert.Equal(1, Provider.ChargesOf(intent.Id));
    }

    [Fact]
    public async Task Replayed_and_badly_signed_webhooks_change_nothing()
    {
        var (sale, buyer, held) = await HoldAsync();
        await using var _ = buyer;
        var intent = (await buyer.Hub.Checkout(held.HoldId!, "c1")).Payment!;
        await buyer.Hub.ConfirmPayment(intent.Id, TestCards.Card(TestCards.ThreeDSecure));
        await ApproveChallengeAsync(intent.Id);

        // Bad signatures first: the wrong secret, an old timestamp, none at all, another provider's path.
        using (var wrong = await WebhookAsync(cluster.A, intent.Id, secret: "whsec_someone_else"))
        {
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.WebhookSignatureInvalid), (wrong.StatusCode, await CodeAsync(wrong)));
        }

        using (var old = await WebhookAsync(cluster.A, intent.Id, at: DateTimeOffset.UtcNow.AddMinutes(-10)))
        {
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.WebhookSignatureInvalid), (old.StatusCode, await CodeAsync(old)));
        }

        using (var unsigned = await cluster.B.Http.PostAsync("/api/payments/webhooks/simulated", new StringContent("{}")))
        {
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.WebhookSignatureInvalid), (unsigned.StatusCode, await CodeAsync(unsigned)));
        }

        using (var other = await cluster.B.Http.PostAsync("/api/payments/webhooks/stripe", new StringContent("{}")))
        {
            Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.PaymentProviderUnknown), (other.StatusCode, await CodeAsync(other)));
        }

        Assert.Equal(0, (await FlashApi.GetAsync(cluster.A, sale.Id)).Sold);

        // The same event twice, on both nodes: handled once, the replay accepted and ignored.
        using var first = await WebhookAsync(cluster.A, intent.Id, "evt_replayed_" + intent.Id);
        using var replay = await WebhookAsync(cluster.B, intent.Id, "evt_replayed_" + intent.Id);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode));
        Assert.Equal((false, true), ((await first.Content.ReadFromJsonAsync<WebhookReceipt>(LiveApi.Json))!.Duplicate, (await replay.Content.ReadFromJsonAsync<WebhookReceipt>(LiveApi.Json))!.Duplicate));
        Assert.Equal(1, (await FlashApi.GetAsync(cluster.A, sale.Id)).Sold);
    }

    /// <summary>
    /// Confirmations from the buyer on both nodes and webhooks, new and replayed, on both nodes, all at once for
    /// several holds: each hold becomes one order, each payment one charge, the log holds each order once.
    /// </summary>
    [Fact]
    public async Task Confirmations_and_duplicated_webhooks_racing_on_two_nodes_place_one_order_and_one_charge()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 6, limit: 1));
        var buyers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var token = await (i % 2 == 0 ? cluster.A : cluster.B).ViewerTokenAsync();
            var onA = await LiveViewer.ConnectAsync(cluster.A.Address, token);
            var onB = await LiveViewer.ConnectAsync(cluster.B.Address, token);
            var held = await onA.Hub.Reserve(null, sale.Id, 1, "k");
            var intent = (await onA.Hub.Checkout(held.HoldId!, "c")).Payment!;
            Assert.Equal(CheckoutOutcome.RequiresAction, (await onB.Hub.ConfirmPayment(intent.Id, TestCards.Card(TestCards.ThreeDSecure))).Outcome);
            using var http = cluster.A.Authorized(token);
            (await http.PostAsJsonAsync($"/api/payments/test-challenge/{intent.Id}", new TestChallengeAnswer(true), LiveApi.Json)).EnsureSuccessStatusCode();
            return (onA, onB, held.HoldId!, intent.Id, token);
        }));

        var race = buyers.SelectMany(b => Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            switch (n % 4)
            {
                case 0:
                    return (await b.onA.Hub.CompletePayment(b.Item4)).Order?.Id;
                case 1:
                    return (await b.onB.Hub.ConfirmPayment(b.Item4, TestCards.Card())).Order?.Id;
                case 2:
                    using (var hook = await WebhookAsync(n % 8 == 2 ? cluster.A : cluster.B, b.Item4, $"evt_{b.Item4}_{n % 3}"))
                    {
                        hook.EnsureSuccessStatusCode();
                        return HoldIds.OrderIdFor(b.Item3);
                    }

                default:
                    using (var hook = await WebhookAsync(cluster.A, b.Item4))
                    {
                        hook.EnsureSuccessStatusCode();
                        return HoldIds.OrderIdFor(b.Item3);
                    }
            }
        }))).ToList();
        var answers = await Task.WhenAll(race);
        Assert.All(answers, id => Assert.NotNull(id));

        var after = await FlashApi.GetAsync(cluster.A, sale.Id);
        Assert.Equal((6, 0, 0), (after.Sold, after.Held, after.Remaining));
        foreach (var b in buyers)
        {
            Assert.Equal(1, Provider.ChargesOf(b.Item4));
            var mine = await FlashApi.MyOrdersAsync(cluster.B, b.token);
            Assert.Equal([HoldIds.OrderIdFor(b.Item3)], mine.Select(o => o.Id).Distinct());
            await b.onA.DisposeAsync();
            await b.onB.DisposeAsync();
        }

        var log = await cluster.A.Get<LiveCommerce.Server.Features.Orders.IOrderLog>().ListForBrandAsync(sale.BrandId, 1_000);
        Assert.Equal(6, log.Count(o => o.SaleId == sale.Id));
    }
}

/// <summary>Webhooks as the simulated provider delivers them by itself: late, some twice, and they alone place the order.</summary>
public sealed class DeliveredWebhookCluster() : Cluster(new Dictionary<string, string?>(FlashSettings.Fast())
{
    ["Payments:Simulated:DuplicateRate"] = "1",
    ["Payments:Simulated:MaxDelayMs"] = "300",
});

public sealed class DeliveredWebhookTests(DeliveredWebhookCluster cluster) : IClassFixture<DeliveredWebhookCluster>
{
    [Fact]
    public async Task A_buyer_who_leaves_after_the_bank_step_still_gets_the_order_by_the_webhook_once()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 2));
        var token = await cluster.B.ViewerTokenAsync();
        string intentId;
        string holdId;
        await using (var buyer = await LiveViewer.ConnectAsync(cluster.B.Address, token))
        {
            holdId = (await buyer.Hub.Reserve(null, sale.Id, 1, "k")).HoldId!;
            intentId = (await buyer.Hub.Checkout(holdId, "c")).Payment!.Id;
            await buyer.Hub.ConfirmPayment(intentId, TestCards.Card(TestCards.ThreeDSecure));
            using var http = cluster.B.Authorized(token);
            (await http.PostAsJsonAsync($"/api/payments/test-challenge/{intentId}", new TestChallengeAnswer(true), LiveApi.Json)).EnsureSuccessStatusCode();
        } // the tab closes before CompletePayment

        var mine = await Eventually.WaitForAsync(() => FlashApi.MyOrdersAsync(cluster.B, token), o => o.Count > 0, "the webhook's order", TimeSpan.FromSeconds(20));
        Assert.Equal(HoldIds.OrderIdFor(holdId), Assert.Single(mine).Id);
        Assert.Equal(1, (await FlashApi.GetAsync(cluster.A, sale.Id)).Sold);
        Assert.Equal(1, ((SimulatedPaymentProvider)cluster.A.Get<IPaymentProvider>()).ChargesOf(intentId));
    }
}

/// <summary>A payment grace of one second: a bank step that outlasts the hold is paid, then refunded, once.</summary>
public sealed class ShortGraceCluster() : Cluster(new Dictionary<string, string?>(FlashSettings.Fast())
{
    ["FlashSales:PaymentGrace"] = "00:00:01",
    ["Payments:Simulated:DeliverWebhooks"] = "false",
});

public sealed class LatePaymentTests(ShortGraceCluster cluster) : IClassFixture<ShortGraceCluster>
{
    [Fact]
    public async Task A_payment_that_succeeds_after_the_hold_expired_is_refunded_once()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 1, holdSeconds: 1));
        await using var buyer = await cluster.B.ViewerAsync("sam");
        var held = await buyer.Hub.Reserve(null, sale.Id, 1, "k-" + Guid.NewGuid().ToString("N"));
        var intent = (await buyer.Hub.Checkout(held.HoldId!, "c")).Payment!;
        Assert.Equal(CheckoutOutcome.RequiresAction, (await buyer.Hub.ConfirmPayment(intent.Id, TestCards.Card(TestCards.ThreeDSecure))).Outcome);
        await Eventually.WaitForAsync(() => FlashApi.GetAsync(cluster.A, sale.Id), s => s.Remaining == 1, "the hold to expire", TimeSpan.FromSeconds(10));

        using var http = cluster.B.Authorized(await cluster.B.TokenAsync("sam"));
        (await http.PostAsJsonAsync($"/api/payments/test-challenge/{intent.Id}", new TestChallengeAnswer(true), LiveApi.Json)).EnsureSuccessStatusCode();
        var late = await buyer.Hub.CompletePayment(intent.Id);
        Assert.Equal(CheckoutOutcome.HoldExpired, late.Outcome);
        Assert.Equal(CheckoutOutcome.HoldExpired, (await buyer.Hub.CompletePayment(intent.Id)).Outcome);
        var provider = (SimulatedPaymentProvider)cluster.A.Get<IPaymentProvider>();
        Assert.Equal((1, 1), (provider.ChargesOf(intent.Id), provider.RefundCallsOf(intent.Id)));
        Assert.Equal(0, (await FlashApi.GetAsync(cluster.A, sale.Id)).Sold);
    }
}
