using System.Collections.Concurrent;
using LiveCommerce.Server.Features.FlashSales;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>A payment provider stand-in with configurable latency and failure rate, idempotent by key.</summary>
public sealed class SimulatedPaymentProvider(IOptions<PaymentOptions> options) : IPaymentProvider
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PaymentResult>>> _charges = new();

    public ConcurrentDictionary<string, byte> Refunded { get; } = new();

    public Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken ct = default) =>
        _charges.GetOrAdd(request.IdempotencyKey, _ => new Lazy<Task<PaymentResult>>(() => ChargeOnceAsync(request))).Value;

    /// <summary>How often each payment was refunded: a refund is asked of the provider once (tests prove it).</summary>
    public ConcurrentDictionary<string, int> RefundCalls { get; } = new();

    public async Task RefundAsync(string reference, CancellationToken ct = default)
    {
        RefundCalls.AddOrUpdate(reference, 1, (_, n) => n + 1);
        if (options.Value.LatencyMs > 0)
        {
            await Task.Delay(options.Value.LatencyMs, ct);
        }

        Refunded.TryAdd(reference, 0);
    }

    private async Task<PaymentResult> ChargeOnceAsync(PaymentRequest request)
    {
        var o = options.Value;
        if (o.LatencyMs > 0)
        {
            await Task.Delay(Random.Shared.Next(o.LatencyMs / 2, o.LatencyMs + 1));
        }

        return Random.Shared.NextDouble() < o.FailureRate
            ? new PaymentResult(false, null, "card_declined")
            : new PaymentResult(true, "pay_" + Guid.NewGuid().ToString("N")[..16], null);
    }
}
