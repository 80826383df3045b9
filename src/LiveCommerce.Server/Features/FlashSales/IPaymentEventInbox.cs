namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// The webhook events this cluster has handled, by provider and event id: a replayed event (the provider's
/// retries, a duplicate, an attacker's copy of a signed one) is accepted and changes nothing. Redis
/// (SET NX with a time to live) or memory; both pass PaymentEventInboxContract.
/// </summary>
public interface IPaymentEventInbox
{
    /// <summary>True for exactly one caller per event id until <paramref name="keep"/> has passed, cluster-wide.</summary>
    Task<bool> TryClaimAsync(string provider, string eventId, TimeSpan keep, CancellationToken ct = default);

    /// <summary>Gives a claim back: handling failed, and the provider's next delivery must be handled.</summary>
    Task ReleaseAsync(string provider, string eventId, CancellationToken ct = default);
}
