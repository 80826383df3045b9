namespace LiveCommerce.Server.Features.FlashSales;

public sealed record PaymentRequest(string IdempotencyKey, string BuyerId, decimal Amount, string Currency);

public sealed record PaymentResult(bool Succeeded, string? Reference, string? FailureReason);

/// <summary>Takes the buyer's money. Real providers plug in here; a simulated one ships.</summary>
public interface IPaymentProvider
{
    /// <summary>Charges once per idempotency key: a retry answers the first result.</summary>
    Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken ct = default);

    Task RefundAsync(string reference, CancellationToken ct = default);
}
