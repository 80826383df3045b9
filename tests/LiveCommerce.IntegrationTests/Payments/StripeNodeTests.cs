using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Payments;

/// <summary>A node with <c>Payments:Provider=Stripe</c>, its Stripe.net client pointed at the recorded Stripe responses on loopback.</summary>
public sealed class StripeNode : IAsyncLifetime
{
    public const string WebhookSecret = "whsec_node_tests_0123456789abcdef";

    public RecordedStripeServer Stripe { get; private set; } = null!;

    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stripe = await RecordedStripeServer.StartAsync();
        Node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(), new Dictionary<string, string?>(FlashSettings.Fast())
        {
            ["Payments:Provider"] = "Stripe",
            ["Payments:Stripe:ApiKey"] = "sk_test_node_0123456789",
            ["Payments:Stripe:WebhookSecret"] = WebhookSecret,
            ["Payments:Stripe:ApiBase"] = Stripe.Address.ToString().TrimEnd('/'),
        });
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

/// <summary>Checkout, card, webhook and refund through the Stripe adapter over real HTTP and SignalR.</summary>
public sealed class StripeNodeTests(StripeNode fx) : IClassFixture<StripeNode>
{
    private async Task<HttpResponseMessage> WebhookAsync(string intentId, long amount, string eventId, string secret = StripeNode.WebhookSecret)
    {
        var e = RecordedStripeServer.Recording("event.payment_intent.succeeded");
        e["id"] = eventId;
        var current = JsonSerializer.Deserialize<System.Text.Json.Nodes.JsonObject>(await (await new HttpClient().GetAsync(new Uri(fx.Stripe.Address, $"/v1/payment_intents/{intentId}"))).Content.ReadAsStringAsync())!;
        e["data"]!["object"] = current;
        Assert.Equal(amount, (long)current["amount"]!);
        var payload = e.ToJsonString();
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var v1 = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes($"{t}.{payload}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/stripe") { Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", $"t={t},v1={v1}");
        return await fx.Node.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_buyer_pays_through_stripe_the_webhook_is_checked_and_the_brand_refunds_part()
    {
        var stream = await Cluster.ScheduleAsync(fx.Node);
        var sale = await FlashApi.ScheduleAsync(fx.Node, FlashApi.Request(stream.Id, quantity: 3));
        await using var buyer = await fx.Node.ViewerAsync("sam");
        var held = await buyer.Hub.Reserve(null, sale.Id, 1, "k-" + Guid.NewGuid().ToString("N"));
        var started = await buyer.Hub.CheckoutIn(held.HoldId!, "c1", "USD", "EUR");
        Assert.Equal((CheckoutOutcome.PaymentRequired, "stripe", true), (started.Outcome, started.Payment!.Provider, started.Payment.TestMode));
        var intentId = started.Payment.Id;

        var paid = await buyer.Hub.ConfirmPayment(intentId, TestCards.Card());
        Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
        Assert.Equal(intentId, paid.Order!.PaymentReference);
        var create = fx.Stripe.Requests.Single(r => r.Path == "/v1/payment_intents" && r.Form.GetValueOrDefault("metadata[hold]") == held.HoldId);
        Assert.Equal(("1250", "usd", "intent:" + held.HoldId, "c1", "EUR"),
            (create.Form["amount"], create.Form["currency"], create.IdempotencyKey, create.Form["metadata[checkout]"], create.Form["metadata[display_currency]"]));

        // Stripe's webhook, signed with the endpoint's secret: accepted once, the replay changes nothing, a forgery is refused.
        using (var hook = await WebhookAsync(intentId, 1250, "evt_node_" + intentId))
        {
            Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
            Assert.False((await hook.Content.ReadFromJsonAsync<WebhookReceipt>(LiveApi.Json))!.Duplicate);
        }

        using (var replay = await WebhookAsync(intentId, 1250, "evt_node_" + intentId))
        {
            Assert.True((await replay.Content.ReadFromJsonAsync<WebhookReceipt>(LiveApi.Json))!.Duplicate);
        }

        using (var forged = await WebhookAsync(intentId, 1250, "evt_forged_" + intentId, secret: "whsec_not_the_endpoints"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Contains(ErrorCodes.WebhookSignatureInvalid, await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, (await FlashApi.GetAsync(fx.Node, sale.Id)).Sold);

        // The brand refunds part of it: the amount goes to Stripe in cents, with the order's idempotency key; more than was paid is refused.
        using var glow = fx.Node.Authorized(await fx.Node.TokenAsync("glow"));
        using (var tooMuch = await glow.PostAsJsonAsync($"/api/orders/{paid.Order.Id}/refund", new RefundOrderRequest(99m), LiveApi.Json))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
            Assert.Contains(ErrorCodes.RefundExceedsPaid, await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var part = await glow.PostAsJsonAsync($"/api/orders/{paid.Order.Id}/refund", new RefundOrderRequest(2.50m), LiveApi.Json))
        {
            Assert.Equal(HttpStatusCode.OK, part.StatusCode);
        }

        var refund = Assert.Single(fx.Stripe.Requests, r => r.Path == "/v1/refunds");
        Assert.Equal((intentId, "250", "refund:" + paid.Order.Id), (refund.Form["payment_intent"], refund.Form["amount"], refund.IdempotencyKey));
    }
}
