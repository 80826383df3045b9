using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Orders;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>
/// Reads the order log from a checkpoint and applies each entry to the totals through the idempotent
/// store. Any number of projectors (one per node) may run: the store's per-order guard makes a replay,
/// a restart after a crash, or two nodes reading the same entries count each order once. The checkpoint
/// only saves re-reading; it can lag or go backwards harmlessly.
/// </summary>
public sealed class EarningsProjector(
    IOrderLog log,
    IEarningsStore store,
    IShareLinkStore links,
    ICatalogStore catalog,
    IAudienceStore audience,
    IOptions<AttributionOptions> options,
    ILogger<EarningsProjector> logger,
    IHostMetricsNotifier? metrics = null,
    LiveCommerceMetrics? telemetry = null) : BackgroundService
{
    /// <summary>When the oldest entry not applied yet was logged; null when caught up (livecommerce.projector.lag).</summary>
    private DateTimeOffset? _behindSince;

    /// <summary>Raised after an order is applied (by this projector) — the live host metrics listen.</summary>
    public event Func<Orders.OrderLogEntry, Task>? Applied;

    /// <summary>Projects one batch after the stored checkpoint; returns how many entries were read.</summary>
    public async Task<int> ProjectBatchAsync(CancellationToken ct)
    {
        var entries = await log.ReadAfterAsync(await store.GetCheckpointAsync(ct), options.Value.BatchSize, ct);
        _behindSince = entries.Count > 0 ? entries[0].At : null;
        foreach (var entry in entries)
        {
            // A stop between entries leaves the batch half applied and the checkpoint behind: the guard makes that safe.
            ct.ThrowIfCancellationRequested();
            await ProjectAsync(entry, ct);
        }

        if (entries.Count > 0)
        {
            await store.SetCheckpointAsync(entries[^1].Position, ct);
        }

        // A full batch may have more behind it, logged after its last entry; a short one read everything.
        _behindSince = entries.Count == options.Value.BatchSize ? entries[^1].At : null;
        return entries.Count;
    }

    /// <summary>Reads the whole log from the start again (e.g. after a suspected gap); counts nothing twice.</summary>
    public async Task ReplayAllAsync(CancellationToken ct)
    {
        string? position = null;
        while (true)
        {
            var entries = await log.ReadAfterAsync(position, options.Value.BatchSize, ct);
            foreach (var entry in entries)
            {
                ct.ThrowIfCancellationRequested();
                await ProjectAsync(entry, ct);
            }

            if (entries.Count == 0)
            {
                return;
            }

            position = entries[^1].Position;
        }
    }

    public async Task ProjectAsync(OrderLogEntry entry, CancellationToken ct)
    {
        var order = entry.Order;
        if (entry.IsReversal)
        {
            if (await store.ApplyReversalAsync(order.Id, ct) == ReversalOutcome.NotProjected)
            {
                await ApplyOrderAsync(entry with { IsReversal = false }, ct);
                await store.ApplyReversalAsync(order.Id, ct);
            }

            return;
        }

        await ApplyOrderAsync(entry, ct);
    }

    private async Task ApplyOrderAsync(OrderLogEntry entry, CancellationToken ct)
    {
        var order = entry.Order;
        // A stream purchase never looks at touches: the stream's host wins.
        var touches = order.Attribution is null ? await links.TouchesAsync(order.BuyerId, order.CreatedAt, ct) : [];

        var attribution = AttributionRules.Attribute(order, touches, options.Value.WindowFor(order.BrandId));
        var partnership = attribution is null ? null : await catalog.GetPartnershipAsync(order.BrandId, attribution.InfluencerId, ct);
        var deltas = AttributionRules.Deltas(order, attribution, partnership);
        // The buyer first: idempotent, so a crash before the apply only means the replay records them again.
        await audience.RecordBuyerAsync(AttributionRules.Cells(deltas), order.BuyerId, ct);
        if (!await store.ApplyOrderAsync(order.Id, deltas, ct))
        {
            return;
        }

        // Only the projector whose apply won pushes: one node per order, cluster-wide.
        if (attribution is { Via: AttributedVia.Stream } && order.StreamId is { } stream)
        {
            metrics?.StreamChanged(attribution.InfluencerId, stream, DateOnly.FromDateTime(order.CreatedAt.UtcDateTime));
        }

        if (Applied is { } applied)
        {
            await applied(entry);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var lag = telemetry?.TrackLag("earnings", () => _behindSince);
        await ProjectionLoop.RunAsync("earnings", ProjectBatchAsync, options.Value.PollInterval, TimeProvider.System, logger, stoppingToken);
    }
}
