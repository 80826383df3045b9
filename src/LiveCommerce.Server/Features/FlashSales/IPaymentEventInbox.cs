namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// The webhook events this cluster has handled, by provider and event id: a replayed event (the provider's
/// retries, a duplicate, an attacker's copy of a signed one) is accepted and changes nothing. An event is marked
/// only once it was handled, so a node that dies while handling one leaves it unmarked and the provider's retry
/// (on another node) handles it; two deliveries racing may both handle it, which settlement makes harmless.
/// Redis (a key with a time to live) or memory; both pass PaymentEventInboxContract.
/// </summary>
public interface IPaymentEventInbox
{
    /// <summary>True when the event was handled (and marked) within its keep time, cluster-wide.</summary>
    Task<bool> WasHandledAsync(string provider, string eventId, CancellationToken ct = default);

    /// <summary>Remembers the event as handled for <paramref name="keep"/>.</summary>
    Task MarkHandledAsync(string provider, string eventId, TimeSpan keep, CancellationToken ct = default);
}
