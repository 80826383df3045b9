using LiveCommerce.Server.Common;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>Every node sweeps expired holds of tracked sales; the script returns each hold's units exactly once.</summary>
public sealed partial class HoldSweeper(
    ISaleSchedule schedule,
    IFlashSaleInventory inventory,
    IFlashSaleNotifier notifier,
    SoldOutCache soldOut,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock,
    ILogger<HoldSweeper> logger) : PeriodicWork(clock, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    /// <summary>Units this node returned (for tests: the sum across nodes must equal what expired).</summary>
    public long UnitsReturned => Interlocked.Read(ref _unitsReturned);

    private long _unitsReturned;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        foreach (var saleId in await schedule.TrackedAsync(ct))
        {
            var swept = await inventory.SweepExpiredAsync(saleId, 500, ct);
            if (swept.Units > 0 || swept.Grants.Count > 0)
            {
                Interlocked.Add(ref _unitsReturned, swept.Units);
                await StockEffects.ApplyAsync(saleId, swept, notifier, soldOut, ct);
            }
        }
    }
}
