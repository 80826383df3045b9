using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// <c>POST /api/payments/webhooks/{provider}</c>: the provider says a payment succeeded (or failed). The
/// signature is checked first (else <c>webhook_signature_invalid</c>, nothing changes); an event id handled before
/// is accepted and does nothing (<see cref="WebhookReceipt.Duplicate"/>); a succeeded intent is settled into its
/// order exactly as the buyer's own confirmation would (whichever comes first places it, the other reads it).
/// The event is marked handled only after settling: a failure answers 5xx, and a node killed mid-way answers
/// nothing, so the provider delivers it again (to another node) and that delivery settles it.
/// </summary>
public sealed record HandlePaymentWebhook(string Provider, string Payload, string? Signature) : ICommand<WebhookReceipt>;

public sealed class HandlePaymentWebhookHandler(IPaymentProvider payments, IPaymentEventInbox inbox, PaymentSettlement settlement)
    : ICommandHandler<HandlePaymentWebhook, WebhookReceipt>
{
    /// <summary>Providers retry for days (Stripe: 3); an event older than that is refused by its signature's age anyway.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(3);

    public async ValueTask<WebhookReceipt> Handle(HandlePaymentWebhook command, CancellationToken ct)
    {
        if (!string.Equals(command.Provider, payments.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw AppException.NotFound(ErrorCodes.PaymentProviderUnknown, "This service takes no webhooks from that provider.");
        }

        var e = payments.ParseWebhook(command.Payload, command.Signature);
        if (await inbox.WasHandledAsync(payments.Name, e.Id, ct))
        {
            return new WebhookReceipt(true, true);
        }

        if (e is { Type: PaymentEvent.IntentSucceeded, Intent: { Status: PaymentStatus.Succeeded } intent } && PaymentSettlement.HoldOf(intent) is not null)
        {
            await settlement.SettleAsync(intent, CancellationToken.None);
        }

        // Marked only now: a node that dies before this line leaves the event to the provider's retry.
        // A failed payment changes nothing here: the hold stays for the buyer to try another card.
        await inbox.MarkHandledAsync(payments.Name, e.Id, Keep, CancellationToken.None);
        return new WebhookReceipt(true, false);
    }
}
