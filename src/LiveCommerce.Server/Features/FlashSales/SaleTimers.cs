using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// Starts and ends sales on time on every node; the due queue's claim makes exactly one node
/// announce each edge. Liveness itself is decided by the scripts against Redis's clock, so a late
/// announcement never lets anyone buy early or late.
/// </summary>
public sealed partial class FlashSaleScheduler(
    ISaleSchedule schedule,
    IFlashSaleInventory inventory,
    ILiveEvents events,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock,
    ILogger<FlashSaleScheduler> logger) : PeriodicWork(clock, logger)
{
    protected override TimeSpan Interval => options.Value.SchedulerInterval;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        foreach (var (saleId, edge) in await schedule.ClaimDueAsync(50, ct))
        {
            var sale = await inventory.GetAsync(saleId, ct);
            var now = Clock.GetUtcNow();
            if (sale is null || sale.Cancelled || sale.EndsAt is not { } endsAt)
            {
                continue;
            }

            foreach (var streamId in sale.StreamIds)
            {
                LiveEvent e = edge == SaleEdge.Start
                    ? new FlashSaleStarted { StreamId = streamId, At = now, Sale = sale.ToDto(now), EndsAt = endsAt }
                    : new FlashSaleEnded { StreamId = streamId, At = now, SaleId = sale.Id, EndsAt = endsAt };
                await events.PublishAsync(e, ct);
            }
        }
    }
}

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

/// <summary>The snapshot's live sales, with remaining stock.</summary>
public sealed class SalesSnapshotPart(IFlashSaleInventory inventory, TimeProvider clock) : ISnapshotPart
{
    public async Task<Func<StreamSnapshot, StreamSnapshot>> ReadAsync(StreamSnapshot snapshot, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var live = (await inventory.ListForStreamAsync(snapshot.Stream.Id, ct)).Where(s => s.StatusAt(now) == SaleStatus.Live).Select(s => s.ToDto(now)).ToList();
        return s => s with { Sales = live };
    }
}
