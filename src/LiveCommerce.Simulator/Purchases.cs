using LiveCommerce.Contracts;

namespace LiveCommerce.Simulator;

/// <summary>Paying for a hold the way a buyer's client does: the intent (Checkout), then the card (ConfirmPayment).</summary>
public static class Purchases
{
    /// <summary>
    /// Checkout, then confirm with <paramref name="card"/> (the test card that succeeds by default). Answers the
    /// final outcome: Confirmed, PaymentFailed, HoldExpired, or RequiresAction for the 3-D Secure card.
    /// </summary>
    public static async Task<CheckoutResult> PayAsync(
        this LiveHubProxy hub, string holdId, string idempotencyKey, string? currency = null, string? displayCurrency = null, string card = TestCards.Succeeds)
    {
        var started = currency is null && displayCurrency is null
            ? await hub.Checkout(holdId, idempotencyKey)
            : await hub.CheckoutIn(holdId, idempotencyKey, currency, displayCurrency);
        return started is { Outcome: CheckoutOutcome.PaymentRequired, Payment: { } intent }
            ? await hub.ConfirmPayment(intent.Id, TestCards.Card(card))
            : started;
    }
}
