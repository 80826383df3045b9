using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Orders;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// Every node logs the committed orders whose checkout stopped between the commit and the order log
/// (the node died, Redis failed over), so an order that took the buyer's money always reaches their
/// order list and its influencer's earnings, even when the buyer never retries. Two nodes may log the
/// same order; the log is at-least-once and its readers de-duplicate by order id.
/// </summary>
public sealed partial class OrderLogReconciler(
    ISaleSchedule schedule,
    IFlashSaleInventory inventory,
    IOrderLog orders,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock,
    ILogger<OrderLogReconciler> logger) : PeriodicWork(clock, logger)
{
    protected override TimeSpan Interval => options.Value.ReconcileInterval;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        // Checkouts in flight log their own orders within moments; only older ones were left behind.
        var before = Clock.GetUtcNow() - options.Value.ReconcileAfter;
        foreach (var saleId in await schedule.TrackedAsync(ct))
        {
            foreach (var order in await inventory.UnloggedOrdersAsync(saleId, before, 100, ct))
            {
                await orders.LogAsync(order, inventory, ct);
                LogReconciled(Logger, order.Id, saleId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} of sale {SaleId} was committed but its checkout never logged it; logged now")]
    private static partial void LogReconciled(ILogger logger, string orderId, string saleId);
}

public static class OrderLogging
{
    /// <summary>Appends the order to the log, then marks it logged in its sale (so the reconciler skips it).</summary>
    public static async Task LogAsync(this IOrderLog orders, OrderDto order, IFlashSaleInventory inventory, CancellationToken ct)
    {
        await orders.AppendAsync(order, ct);
        await inventory.MarkLoggedAsync(order.SaleId, order.Id, ct);
    }
}
