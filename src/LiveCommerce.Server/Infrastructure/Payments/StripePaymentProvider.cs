using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using Microsoft.Extensions.Options;
using Stripe;
using PaymentIntent = LiveCommerce.Server.Features.FlashSales.PaymentIntent;

namespace LiveCommerce.Server.Infrastructure.Payments;

/// <summary>
/// Stripe, through the official Stripe.net client: PaymentIntents (create, confirm, retrieve), refunds, and
/// webhook signatures checked by Stripe.net's own <see cref="EventUtility.ConstructEvent(string, string, string, long, bool)"/>.
/// Every call carries an idempotency key (<see cref="RequestOptions.IdempotencyKey"/>); amounts travel in the
/// currency's minor unit. Card numbers never go to Stripe from here: with a test key the test cards are mapped to
/// Stripe's test payment methods (pm_card_visa…), otherwise the client sends a payment method id made by Stripe.js.
/// Tested against recorded Stripe responses served on loopback (docs/OPERATIONS.md): no Stripe server is reachable here.
/// </summary>
public sealed class StripePaymentProvider(IStripeClient client, IOptions<PaymentOptions> options) : IPaymentProvider
{
    public const string ProviderName = "stripe";

    /// <summary>Currencies Stripe counts in whole units (no minor unit).</summary>
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    /// <summary>Stripe's test payment methods for the test card numbers (test keys only).</summary>
    private static readonly Dictionary<string, string> TestPaymentMethods = new(StringComparer.Ordinal)
    {
        ["4242424242424242"] = "pm_card_visa",
        ["4000000000000002"] = "pm_card_visa_chargeDeclined",
        ["4000002500003155"] = "pm_card_authenticationRequiredOnSetup",
    };

    private readonly PaymentIntentService _intents = new(client);
    private readonly RefundService _refunds = new(client);

    public string Name => ProviderName;

    public bool TestMode => options.Value.Stripe.ApiKey.StartsWith("sk_test_", StringComparison.Ordinal)
        || options.Value.Stripe.ApiKey.StartsWith("rk_test_", StringComparison.Ordinal);

    public string SignatureHeader => "Stripe-Signature";

    public static long ToMinor(decimal amount, string currency) =>
        (long)decimal.Round(ZeroDecimal.Contains(currency) ? amount : amount * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal FromMinor(long amount, string currency) => ZeroDecimal.Contains(currency) ? amount : amount / 100m;

    public async Task<PaymentIntent> CreateIntentAsync(CreatePaymentIntent request, CancellationToken ct = default)
    {
        var created = await _intents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = ToMinor(request.Amount, request.Currency),
            Currency = request.Currency.ToLowerInvariant(),
            Metadata = request.Metadata.ToDictionary(),
            // Cards only, in this product: no redirect-based methods unless a return address is configured.
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions
            {
                Enabled = true,
                AllowRedirects = options.Value.Stripe.ReturnUrl.Length > 0 ? "always" : "never",
            },
        }, Key(request.IdempotencyKey), ct);
        return Map(created);
    }

    public async Task<PaymentIntent?> GetIntentAsync(string intentId, CancellationToken ct = default)
    {
        try
        {
            return Map(await _intents.GetAsync(intentId, null, null, ct));
        }
        catch (StripeException e) when (e.StripeError?.Code == "resource_missing")
        {
            return null;
        }
    }

    public async Task<PaymentIntent> ConfirmAsync(string intentId, PaymentMethodInput method, string idempotencyKey, CancellationToken ct = default)
    {
        var paymentMethod = method.PaymentMethodId
            ?? (TestMode && method.CardNumber is { } n && TestPaymentMethods.TryGetValue(n, out var pm)
                ? pm
                : throw AppException.ForField(ErrorCodes.InvalidCard, "cardNumber",
                    TestMode ? "In Stripe's test mode use one of the test cards." : "Card numbers are not taken here: pay with Stripe's card form."));
        try
        {
            return Map(await _intents.ConfirmAsync(intentId, new PaymentIntentConfirmOptions
            {
                PaymentMethod = paymentMethod,
                ReturnUrl = options.Value.Stripe.ReturnUrl.Length > 0 ? options.Value.Stripe.ReturnUrl : null,
            }, Key(idempotencyKey), ct));
        }
        catch (StripeException e) when (e.StripeError?.Type == "card_error")
        {
            // A decline is an answer: the intent waits for another card, with the reason.
            var intent = e.StripeError.PaymentIntent is { } declined ? Map(declined) : await GetIntentAsync(intentId, ct)
                ?? throw AppException.NotFound(ErrorCodes.PaymentNotFound, "No such payment.");
            return intent with { FailureCode = e.StripeError.DeclineCode ?? e.StripeError.Code ?? "card_declined" };
        }
        catch (StripeException e) when (e.StripeError?.Code == "resource_missing")
        {
            throw AppException.NotFound(ErrorCodes.PaymentNotFound, "No such payment.");
        }
    }

    public Task<PaymentIntent> AnswerTestChallengeAsync(string intentId, bool approve, CancellationToken ct = default) =>
        throw AppException.NotFound(ErrorCodes.PaymentNotFound, "Stripe runs the 3-D Secure step at the bank, not here.");

    public async Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken ct = default)
    {
        try
        {
            var refund = await _refunds.CreateAsync(new RefundCreateOptions
            {
                PaymentIntent = request.PaymentReference,
                Amount = request.Amount is { } amount ? ToMinor(amount, request.Currency) : null,
            }, Key(request.IdempotencyKey), ct);
            return new RefundResult(refund.Id, FromMinor(refund.Amount, refund.Currency), refund.Currency.ToUpperInvariant());
        }
        catch (StripeException e) when (e.StripeError?.Code is "amount_too_large" or "charge_already_refunded")
        {
            throw AppException.ForField(ErrorCodes.RefundExceedsPaid, "amount", e.StripeError.Message ?? "More than is left to refund.");
        }
    }

    public PaymentEvent ParseWebhook(string payload, string? signature)
    {
        Event e;
        try
        {
            e = EventUtility.ConstructEvent(payload, signature ?? "", options.Value.Stripe.WebhookSecret,
                (long)options.Value.WebhookTolerance.TotalSeconds, throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            throw new AppException(ErrorCodes.WebhookSignatureInvalid, "The webhook's signature does not match.");
        }

        return new PaymentEvent(e.Id, e.Type, e.Data?.Object is Stripe.PaymentIntent intent ? Map(intent) : null);
    }

    private static RequestOptions Key(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    private static PaymentIntent Map(Stripe.PaymentIntent i)
    {
        var currency = (i.Currency ?? "").ToUpperInvariant();
        var status = i.Status switch
        {
            "requires_action" => PaymentStatus.RequiresAction,
            "processing" or "requires_capture" => PaymentStatus.Processing,
            "succeeded" => PaymentStatus.Succeeded,
            "canceled" => PaymentStatus.Canceled,
            _ => PaymentStatus.RequiresPaymentMethod,
        };
        return new PaymentIntent(i.Id, i.ClientSecret ?? "", status, FromMinor(i.Amount, currency), currency,
            i.Metadata is { } m ? new Dictionary<string, string>(m) : new Dictionary<string, string>(),
            i.NextAction?.RedirectToUrl?.Url, i.LastPaymentError?.DeclineCode ?? i.LastPaymentError?.Code);
    }
}
