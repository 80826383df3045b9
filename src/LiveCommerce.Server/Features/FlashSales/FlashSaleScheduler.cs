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
