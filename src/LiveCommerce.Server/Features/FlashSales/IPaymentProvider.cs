using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>Where a payment intent is, as the provider says (Stripe's statuses, the ones this product acts on).</summary>
public enum PaymentStatus
{
    /// <summary>Created, or the last card was declined: the buyer may confirm with (another) card.</summary>
    RequiresPaymentMethod,

    /// <summary>The bank asks for an extra step (3-D Secure) before it decides.</summary>
    RequiresAction,
    Processing,
    Succeeded,
    Canceled,
}

/// <summary>
/// A payment for one hold, as the provider holds it. <see cref="Metadata"/> carries what settling it needs
/// (hold, buyer, checkout key, display currency): a webhook alone can turn it into the order.
/// </summary>
public sealed record PaymentIntent(
    string Id,
    string ClientSecret,
    PaymentStatus Status,
    decimal Amount,
    string Currency,
    IReadOnlyDictionary<string, string> Metadata,
    string? NextActionUrl = null,
    string? FailureCode = null);

/// <summary>A new intent; <see cref="IdempotencyKey"/> is one per hold, so a retried checkout finds the same intent.</summary>
public sealed record CreatePaymentIntent(string IdempotencyKey, decimal Amount, string Currency, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// The buyer's card: in test mode the numbers themselves (the simulated provider's test cards, or Stripe's, which
/// the Stripe adapter maps to Stripe's test payment methods); with a live provider a payment method id made by its
/// client library, so card numbers never reach this server.
/// </summary>
public sealed record PaymentMethodInput(string? CardNumber, int ExpiryMonth, int ExpiryYear, string? Cvc, string? PaymentMethodId);

/// <summary>A refund of <paramref name="Amount"/> (null: all that is left) of the intent, once per <paramref name="IdempotencyKey"/>.</summary>
public sealed record RefundRequest(string PaymentReference, decimal? Amount, string Currency, string IdempotencyKey);

public sealed record RefundResult(string Id, decimal Amount, string Currency);

/// <summary>A webhook whose signature checked out. <see cref="Intent"/> is set for payment intent events.</summary>
public sealed record PaymentEvent(string Id, string Type, PaymentIntent? Intent)
{
    public const string IntentSucceeded = "payment_intent.succeeded";
    public const string IntentFailed = "payment_intent.payment_failed";
}

/// <summary>
/// Takes the buyer's money the way card providers work: an intent per hold, confirmed by the client with a
/// card, maybe after an extra step (3-D Secure), and told to this server again by a signed webhook. Every call
/// that moves money carries an idempotency key: a retry never charges or refunds twice. Adapters: the
/// simulated provider (test cards, signed webhooks delivered late and twice) and Stripe. Both pass
/// PaymentProviderContract. Refusals the caller made (a bad card shape, a refund above what was paid) throw
/// <c>AppException</c>; a decline is an answer (<see cref="PaymentIntent.FailureCode"/>), not an exception.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The name in <c>/api/payments/webhooks/{provider}</c>: "simulated" or "stripe".</summary>
    string Name { get; }

    /// <summary>True when no real money moves (the simulated provider, or Stripe with a test key): the UI says "Test mode".</summary>
    bool TestMode { get; }

    /// <summary>The header that carries the webhook signature.</summary>
    string SignatureHeader { get; }

    Task<PaymentIntent> CreateIntentAsync(CreatePaymentIntent request, CancellationToken ct = default);

    /// <summary>The intent now, or null when the provider does not know it.</summary>
    Task<PaymentIntent?> GetIntentAsync(string intentId, CancellationToken ct = default);

    /// <summary>
    /// Confirms with a card. A succeeded intent answers itself again and charges nothing more. A decline leaves the
    /// intent <see cref="PaymentStatus.RequiresPaymentMethod"/> with its <see cref="PaymentIntent.FailureCode"/>.
    /// </summary>
    Task<PaymentIntent> ConfirmAsync(string intentId, PaymentMethodInput method, string idempotencyKey, CancellationToken ct = default);

    /// <summary>
    /// Answers the simulated 3-D Secure challenge (test mode only; a real provider's challenge runs at the bank, so
    /// its adapter refuses with <c>payment_not_found</c>).
    /// </summary>
    Task<PaymentIntent> AnswerTestChallengeAsync(string intentId, bool approve, CancellationToken ct = default);

    /// <summary>Refunds once per key. More than is left to refund is refused: <c>refund_exceeds_paid</c>.</summary>
    Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken ct = default);

    /// <summary>Checks the signature (and its age) and reads the event; a bad one throws <c>webhook_signature_invalid</c>.</summary>
    PaymentEvent ParseWebhook(string payload, string? signature);
}

/// <summary>The intent as the buyer's client sees it.</summary>
public static class PaymentIntentWire
{
    public static PaymentIntentDto ToDto(this PaymentIntent intent, IPaymentProvider provider) => new(
        intent.Id, intent.ClientSecret, provider.Name, provider.TestMode, intent.Amount, intent.Currency,
        intent.Status switch
        {
            PaymentStatus.RequiresPaymentMethod => PaymentIntentStates.RequiresPaymentMethod,
            PaymentStatus.RequiresAction => PaymentIntentStates.RequiresAction,
            PaymentStatus.Processing => PaymentIntentStates.Processing,
            PaymentStatus.Succeeded => PaymentIntentStates.Succeeded,
            _ => PaymentIntentStates.Canceled,
        },
        intent.NextActionUrl, intent.FailureCode);
}
