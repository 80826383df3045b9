using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>Unsequenced pushes of the feature: coalesced stock, sold-out at once, and waitlist grants to one user.</summary>
public interface IFlashSaleNotifier
{
    /// <summary>Remaining stock changed; pushed coalesced, or at once when it reached zero.</summary>
    void StockChanged(string saleId, int remaining);

    Task HoldGrantedAsync(HoldGrant grant, CancellationToken ct = default);
}

public sealed record PaymentRequest(string IdempotencyKey, string BuyerId, decimal Amount, string Currency);

public sealed record PaymentResult(bool Succeeded, string? Reference, string? FailureReason);

/// <summary>Takes the buyer's money. Real providers plug in here; a simulated one ships.</summary>
public interface IPaymentProvider
{
    /// <summary>Charges once per idempotency key: a retry answers the first result.</summary>
    Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken ct = default);

    Task RefundAsync(string reference, CancellationToken ct = default);
}

/// <summary>What a "just bought" moment may show about a buyer: the country, nothing more.</summary>
public interface IBuyerProfiles
{
    string? CountryOf(string userId);
}
