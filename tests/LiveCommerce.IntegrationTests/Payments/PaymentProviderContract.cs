using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Infrastructure.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Stripe;
using PaymentIntent = LiveCommerce.Server.Features.FlashSales.PaymentIntent;

namespace LiveCommerce.IntegrationTests.Payments;

/// <summary>
/// The payment port's rules, one suite run against both adapters: the simulated provider, and Stripe
/// (Stripe.net) against recorded Stripe responses served on loopback.
/// </summary>
public abstract class PaymentProviderContract
{
    protected const string Secret = "whsec_contract_0123456789abcdef";

    protected abstract Task<IPaymentProvider> ProviderAsync();

    /// <summary>The provider's webhook for a succeeded intent, and its valid signature header.</summary>
    protected abstract (string Payload, string Signature) SucceededEvent(PaymentIntent intent, DateTimeOffset at);

    /// <summary>What the buyer sends for a test card, for this provider.</summary>
    protected abstract PaymentMethodInput Card(string testCard);

    private static Dictionary<string, string> Meta(string hold) => new() { ["hold"] = hold, ["buyer"] = "u-viewer-sam", ["checkout"] = "c1", ["display_currency"] = "EUR" };

    private static async Task<string?> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<AppException>(call)).Code;

    [Fact]
    public async Task An_intent_is_made_once_per_key_with_its_amount_currency_and_metadata()
    {
        var provider = await ProviderAsync();
        var key = "intent:fs-" + Guid.NewGuid().ToString("N")[..8] + ".h1";
        var first = await provider.CreateIntentAsync(new CreatePaymentIntent(key, 12.50m, "USD", Meta("fs-x.h1")));
        var again = await provider.CreateIntentAsync(new CreatePaymentIntent(key, 12.50m, "USD", Meta("fs-x.h1")));
        Assert.Equal(first.Id, again.Id);
        Assert.Equal((12.50m, "USD", PaymentStatus.RequiresPaymentMethod), (first.Amount, first.Currency, first.Status));
        Assert.Equal("fs-x.h1", first.Metadata["hold"]);
        Assert.False(string.IsNullOrEmpty(first.ClientSecret));
        Assert.Equal(first.Id, (await provider.GetIntentAsync(first.Id))!.Id);
    }

    [Fact]
    public async Task The_success_card_succeeds_once_and_confirming_again_changes_nothing()
    {
        var provider = await ProviderAsync();
        var intent = await provider.CreateIntentAsync(new CreatePaymentIntent("k-" + Guid.NewGuid().ToString("N"), 12.50m, "USD", Meta("fs-x.h2")));
        var paid = await provider.ConfirmAsync(intent.Id, Card(TestCards.Succeeds), "confirm-1");
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(PaymentStatus.Succeeded, (await provider.ConfirmAsync(intent.Id, Card(TestCards.Succeeds), "confirm-2")).Status);
        Assert.Equal(PaymentStatus.Succeeded, (await provider.GetIntentAsync(intent.Id))!.Status);
    }

    [Fact]
    public async Task The_declined_card_is_an_answer_and_another_card_may_follow()
    {
        var provider = await ProviderAsync();
        var intent = await provider.CreateIntentAsync(new CreatePaymentIntent("k-" + Guid.NewGuid().ToString("N"), 12.50m, "USD", Meta("fs-x.h3")));
        var declined = await provider.ConfirmAsync(intent.Id, Card(TestCards.Declined), "confirm-d");
        Assert.Equal(PaymentStatus.RequiresPaymentMethod, declined.Status);
        Assert.NotNull(declined.FailureCode);
        Assert.Equal(PaymentStatus.Succeeded, (await provider.ConfirmAsync(intent.Id, Card(TestCards.Succeeds), "confirm-s")).Status);
    }

    [Fact]
    public async Task The_3d_secure_card_asks_for_the_extra_step()
    {
        var provider = await ProviderAsync();
        var intent = await provider.CreateIntentAsync(new CreatePaymentIntent("k-" + Guid.NewGuid().ToString("N"), 12.50m, "USD", Meta("fs-x.h4")));
        var step = await provider.ConfirmAsync(intent.Id, Card(TestCards.ThreeDSecure), "confirm-3ds");
        Assert.Equal(PaymentStatus.RequiresAction, step.Status);
        Assert.False(string.IsNullOrEmpty(step.NextActionUrl));
    }

    [Fact]
    public async Task Refunds_are_once_per_key_partial_or_whole_and_never_above_what_was_paid()
    {
        var provider = await ProviderAsync();
        var intent = await provider.CreateIntentAsync(new CreatePaymentIntent("k-" + Guid.NewGuid().ToString("N"), 12.50m, "USD", Meta("fs-x.h5")));
        await provider.ConfirmAsync(intent.Id, Card(TestCards.Succeeds), "confirm-r");
        var part = await provider.RefundAsync(new RefundRequest(intent.Id, 5m, "USD", "refund:a"));
        Assert.Equal(5m, part.Amount);
        Assert.Equal(part.Id, (await provider.RefundAsync(new RefundRequest(intent.Id, 5m, "USD", "refund:a"))).Id); // asked again: the same refund
        Assert.Equal(ErrorCodes.RefundExceedsPaid, await CodeOf(() => provider.RefundAsync(new RefundRequest(intent.Id, 20m, "USD", "refund:b"))));
        Assert.Equal(7.50m, (await provider.RefundAsync(new RefundRequest(intent.Id, null, "USD", "refund:c"))).Amount); // the rest
    }

    [Fact]
    public async Task A_signed_webhook_is_read_and_a_tampered_or_stale_one_is_refused()
    {
        var provider = await ProviderAsync();
        var intent = await provider.CreateIntentAsync(new CreatePaymentIntent("k-" + Guid.NewGuid().ToString("N"), 12.50m, "USD", Meta("fs-x.h6")));
        var paid = await provider.ConfirmAsync(intent.Id, Card(TestCards.Succeeds), "confirm-w");
        var (payload, signature) = SucceededEvent(paid, DateTimeOffset.UtcNow);
        var e = provider.ParseWebhook(payload, signature);
        Assert.Equal((PaymentEvent.IntentSucceeded, paid.Id, PaymentStatus.Succeeded), (e.Type, e.Intent!.Id, e.Intent.Status));
        Assert.Equal("fs-x.h6", e.Intent.Metadata["hold"]);
        Assert.Equal(12.50m, e.Intent.Amount);

        Assert.Equal(ErrorCodes.WebhookSignatureInvalid, await CodeOf(() => Task.FromResult(provider.ParseWebhook(payload.Replace("12", "99", StringComparison.Ordinal), signature))));
        Assert.Equal(ErrorCodes.WebhookSignatureInvalid, await CodeOf(() => Task.FromResult(provider.ParseWebhook(payload, null))));
        var (oldPayload, oldSignature) = SucceededEvent(paid, DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal(ErrorCodes.WebhookSignatureInvalid, await CodeOf(() => Task.FromResult(provider.ParseWebhook(oldPayload, oldSignature))));
    }

    /// <summary>Stripe's scheme, computed here independently of either adapter: t=…,v1=hex(HMAC-SHA256(secret, "t.payload")).</summary>
    protected static string StripeStyleSignature(string payload, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}")))}";
    }
}

public sealed class SimulatedPaymentProviderContract : PaymentProviderContract
{
    protected override Task<IPaymentProvider> ProviderAsync()
    {
        var options = Options.Create(new PaymentOptions { LatencyMs = 0, Simulated = new SimulatedPaymentOptions { WebhookSecret = Secret, DeliverWebhooks = false } });
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Redis:KeyPrefix"] = "contract-" + Guid.NewGuid().ToString("N") }).Build();
        return Task.FromResult<IPaymentProvider>(new SimulatedPaymentProvider(options, config, TimeProvider.System, NullLogger<SimulatedWebhookDelivery>.Instance));
    }

    protected override (string Payload, string Signature) SucceededEvent(PaymentIntent intent, DateTimeOffset at)
    {
        var payload = SimulatedWebhookSignature.Write(new PaymentEvent("evt_" + Guid.NewGuid().ToString("N"), PaymentEvent.IntentSucceeded, intent), at);
        return (payload, StripeStyleSignature(payload, Secret, at));
    }

    protected override PaymentMethodInput Card(string testCard) => new(testCard.Replace(" ", "", StringComparison.Ordinal), 12, 2034, "123", null);
}

/// <summary>The Stripe adapter against recorded Stripe responses on loopback (no Stripe server is reachable here).</summary>
public sealed class StripePaymentProviderContract : PaymentProviderContract, IAsyncLifetime
{
    private RecordedStripeServer _stripe = null!;

    public RecordedStripeServer Stripe => _stripe;

    public async Task InitializeAsync() => _stripe = await RecordedStripeServer.StartAsync();

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    public static StripePaymentProvider Provider(Uri apiBase, string secret = Secret) =>
        new(new StripeClient("sk_test_recorded_0123456789", apiBase: apiBase.ToString().TrimEnd('/')),
            Options.Create(new PaymentOptions { Provider = "Stripe", Stripe = new StripePaymentOptions { ApiKey = "sk_test_recorded_0123456789", WebhookSecret = secret } }));

    protected override Task<IPaymentProvider> ProviderAsync() => Task.FromResult<IPaymentProvider>(Provider(_stripe.Address));

    protected override (string Payload, string Signature) SucceededEvent(PaymentIntent intent, DateTimeOffset at)
    {
        var e = RecordedStripeServer.Recording("event.payment_intent.succeeded");
        e["id"] = "evt_" + Guid.NewGuid().ToString("N")[..24];
        e["created"] = at.ToUnixTimeSeconds();
        var o = e["data"]!["object"]!.AsObject();
        o["id"] = intent.Id;
        o["amount"] = StripePaymentProvider.ToMinor(intent.Amount, intent.Currency);
        o["currency"] = intent.Currency.ToLowerInvariant();
        var metadata = new System.Text.Json.Nodes.JsonObject();
        foreach (var (k, v) in intent.Metadata)
        {
            metadata[k] = v;
        }

        o["metadata"] = metadata;
        var payload = e.ToJsonString();
        return (payload, StripeStyleSignature(payload, Secret, at));
    }

    protected override PaymentMethodInput Card(string testCard) => new(testCard.Replace(" ", "", StringComparison.Ordinal), 12, 2034, "123", null);

    [Fact]
    public async Task Stripe_gets_minor_units_lowercase_currency_metadata_and_an_idempotency_key_on_every_call()
    {
        var provider = Provider(_stripe.Address);
        var intent = await provider.CreateIntentAsync(new CreatePaymentIntent("intent:fs-abc.h9", 12.50m, "USD",
            new Dictionary<string, string> { ["hold"] = "fs-abc.h9", ["buyer"] = "u-viewer-sam", ["checkout"] = "c9", ["display_currency"] = "EUR" }));
        var yen = await provider.CreateIntentAsync(new CreatePaymentIntent("intent:fs-jpy.h1", 1500m, "JPY", new Dictionary<string, string> { ["hold"] = "fs-jpy.h1" }));
        Assert.Equal(1500m, yen.Amount);
        await provider.ConfirmAsync(intent.Id, Card(TestCards.Succeeds), "confirm:" + intent.Id + ":x");
        await provider.RefundAsync(new RefundRequest(intent.Id, 2.25m, "USD", "refund:fs-abc.o9"));

        var requests = _stripe.Requests.ToList();
        var create = requests.First(r => r.Path == "/v1/payment_intents" && r.Form["currency"] == "usd");
        Assert.Equal(("1250", "fs-abc.h9", "c9", "EUR", "intent:fs-abc.h9"),
            (create.Form["amount"], create.Form["metadata[hold]"], create.Form["metadata[checkout]"], create.Form["metadata[display_currency]"], create.IdempotencyKey));
        Assert.Equal("1500", requests.First(r => r.Path == "/v1/payment_intents" && r.Form["currency"] == "jpy").Form["amount"]); // zero-decimal currency
        var confirm = requests.Single(r => r.Path == $"/v1/payment_intents/{intent.Id}/confirm");
        Assert.Equal(("pm_card_visa", "confirm:" + intent.Id + ":x"), (confirm.Form["payment_method"], confirm.IdempotencyKey));
        var refund = requests.Single(r => r.Path == "/v1/refunds");
        Assert.Equal((intent.Id, "225", "refund:fs-abc.o9"), (refund.Form["payment_intent"], refund.Form["amount"], refund.IdempotencyKey));
        Assert.All(requests.Where(r => r.Method == "POST"), r => Assert.False(string.IsNullOrEmpty(r.IdempotencyKey)));
        Assert.All(requests, r => Assert.Equal("Bearer sk_test_recorded_0123456789", r.Authorization));
        Assert.DoesNotContain(requests, r => r.Form.Values.Any(v => v.Contains("4242", StringComparison.Ordinal))); // card numbers never go to Stripe
    }

    [Fact]
    public async Task A_live_key_takes_no_card_numbers_and_an_unknown_intent_is_not_found()
    {
        var live = new StripePaymentProvider(new StripeClient("sk_live_recorded_0123456789", apiBase: _stripe.Address.ToString().TrimEnd('/')),
            Options.Create(new PaymentOptions { Provider = "Stripe", Stripe = new StripePaymentOptions { ApiKey = "sk_live_recorded_0123456789", WebhookSecret = Secret } }));
        Assert.False(live.TestMode);
        var intent = await live.CreateIntentAsync(new CreatePaymentIntent("k-" + Guid.NewGuid().ToString("N"), 5m, "USD", new Dictionary<string, string>()));
        var refused = await Assert.ThrowsAsync<AppException>(() => live.ConfirmAsync(intent.Id, Card(TestCards.Succeeds), "k"));
        Assert.Equal(ErrorCodes.InvalidCard, refused.Code);
        Assert.Equal(PaymentStatus.Succeeded, (await live.ConfirmAsync(intent.Id, new PaymentMethodInput(null, 0, 0, null, "pm_card_visa"), "k2")).Status);
        Assert.Null(await live.GetIntentAsync("pi_missing"));
    }
}
