namespace LiveCommerce.Contracts;

/// <summary>The statuses a payment intent shows the client (Stripe's names).</summary>
public static class PaymentIntentStates
{
    public const string RequiresPaymentMethod = "requires_payment_method";
    public const string RequiresAction = "requires_action";
    public const string Processing = "processing";
    public const string Succeeded = "succeeded";
    public const string Canceled = "canceled";
}

/// <summary>
/// What the client needs to pay a hold: the intent (one per hold), the provider and whether it is test mode
/// (the UI says so), and — when the bank asks for 3-D Secure — where that step is (<see cref="NextActionUrl"/>;
/// in test mode the simulated challenge the client shows itself). <see cref="FailureCode"/> is the last
/// decline (e.g. <c>card_declined</c>, <c>authentication_failed</c>).
/// </summary>
public sealed record PaymentIntentDto(
    string Id,
    string ClientSecret,
    string Provider,
    bool TestMode,
    decimal Amount,
    string Currency,
    string Status,
    string? NextActionUrl,
    string? FailureCode);

/// <summary>
/// The card a buyer confirms with. In test mode the card itself (<see cref="TestCards"/>); with a live provider a
/// payment method id from its client library (<see cref="PaymentMethodId"/>), so card numbers never reach the server.
/// <see cref="Expiry"/> is "MM/YY".
/// </summary>
public sealed record PaymentCard(string? Number, string? Expiry, string? Cvc, string? PaymentMethodId = null);

/// <summary>The test cards of test mode (Stripe's numbers).</summary>
public static class TestCards
{
    public const string Succeeds = "4242 4242 4242 4242";
    public const string Declined = "4000 0000 0000 0002";
    public const string ThreeDSecure = "4000 0025 0000 3155";

    /// <summary>A card that succeeds, with an expiry in the future and a CVC.</summary>
    public static PaymentCard Card(string number = Succeeds) => new(number, "12/34", "123");
}

/// <summary><c>POST /api/payments/test-challenge/{intentId}</c>: the buyer's answer to the simulated 3-D Secure step.</summary>
public sealed record TestChallengeAnswer(bool Approve);

/// <summary><c>POST /api/orders/{id}/refund</c>: <see cref="Amount"/> in the order's currency, null for all of it.</summary>
public sealed record RefundOrderRequest(decimal? Amount);

/// <summary>The answer to a webhook: <see cref="Duplicate"/> when the event id was handled before (nothing happened again).</summary>
public sealed record WebhookReceipt(bool Received, bool Duplicate);

public partial interface ILiveHub
{
    /// <summary>
    /// Confirms the hold's payment intent (from <see cref="Checkout"/>) with a card. Answers Confirmed with the
    /// order, RequiresAction (3-D Secure: complete the step, then <see cref="CompletePayment"/>), PaymentFailed
    /// (declined: the hold stays, try another card until it expires), or HoldExpired (a payment that succeeded
    /// too late is refunded). Refusals: <see cref="ErrorCodes.InvalidCard"/> (field cardNumber, expiry or cvc),
    /// <see cref="ErrorCodes.PaymentNotFound"/>, <see cref="ErrorCodes.NotYourHold"/>.
    /// </summary>
    Task<CheckoutResult> ConfirmPayment(string intentId, PaymentCard card);

    /// <summary>After the extra step: reads the intent and confirms the order if it succeeded (whichever of this and the webhook comes first).</summary>
    Task<CheckoutResult> CompletePayment(string intentId);
}
