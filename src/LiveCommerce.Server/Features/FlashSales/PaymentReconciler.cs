using LiveCommerce.Server.Common;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// Every node asks the provider about holds in payment that nobody settled: the buyer left (or their node died)
/// after the card was charged and every webhook delivery failed. A succeeded intent is settled as the webhook would
/// settle it: the order is placed once, or, when the hold ran out meanwhile, the payment is refunded once. Any other
/// intent is left alone: the hold expires as it always did. It never releases units itself, so several nodes may run
/// it at once: settlement and refunds are exactly-once.
/// </summary>
public sealed partial class PaymentReconciler(
    ISaleSchedule schedule,
    IFlashSaleInventory inventory,
    IPaymentProvider payments,
    PaymentSettlement settlement,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock,
    ILogger<PaymentReconciler> logger) : PeriodicWork(clock, logger)
{
    protected override TimeSpan Interval => options.Value.PaymentReconcileInterval;

    /// <summary>Orders this node placed (for tests: the sum across nodes must equal the orders the reconcilers placed).</summary>
    public long Placed => Interlocked.Read(ref _placed);

    private long _placed;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        // A buyer paying now settles their own payment within moments; only older ones were left behind.
        var before = Clock.GetUtcNow() - options.Value.PaymentReconcileAfter;
        foreach (var saleId in await schedule.TrackedAsync(ct))
        {
            foreach (var unsettled in await inventory.UnsettledPaymentsAsync(saleId, before, 100, ct))
            {
                var intent = await payments.GetIntentAsync(unsettled.IntentId, ct);
                if (intent is { Status: PaymentStatus.Succeeded } && PaymentSettlement.HoldOf(intent)?.HoldId == unsettled.HoldId)
                {
                    var (_, placed) = await settlement.SettleAsync(intent, CancellationToken.None);
                    if (placed)
                    {
                        Interlocked.Increment(ref _placed);
                        LogSettled(Logger, intent.Id, unsettled.HoldId);
                    }

                    await inventory.ForgetPaymentAsync(saleId, unsettled.HoldId, CancellationToken.None);
                }
                else if (unsettled.Ended)
                {
                    // Its units are back and it was never paid: nothing left to settle (a buyer still paying gets HoldExpired).
                    await inventory.ForgetPaymentAsync(saleId, unsettled.HoldId, CancellationToken.None);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {IntentId} of hold {HoldId} succeeded but was never settled; settled now")]
    private static partial void LogSettled(ILogger logger, string intentId, string holdId);
}
