using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// "Just bought" moments, coalesced. A flash sale confirms hundreds of orders in seconds, and one
/// <see cref="PurchaseMade"/> per order would be a log append and a frame to every viewer, while the page
/// shows the latest three. Each window (<see cref="FlashSaleOptions.PurchaseMomentWindow"/>) this
/// node sends each stream, per sale, the latest <see cref="FlashSaleOptions.PurchaseMomentsPerWindow"/>
/// of its moments; the first of them carries the orders and units of the earlier ones, so the
/// studio's order count and GMV stay exact. Every purchase still reaches the comments. Moments
/// pending when the node stops are lost (the orders are not).
/// </summary>
public sealed partial class PurchaseMoments(
    ILiveEvents events,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock,
    ILogger<PurchaseMoments> logger) : PeriodicWork(clock, logger)
{
    private readonly Lock _lock = new();
    private Dictionary<(string StreamId, string SaleId), Pending> _pending = [];

    protected override TimeSpan Interval => options.Value.PurchaseMomentWindow;

    public void Add(PurchaseMade moment)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue((moment.StreamId, moment.SaleId), out var pending))
            {
                _pending[(moment.StreamId, moment.SaleId)] = pending = new();
            }

            pending.Latest.Enqueue(moment);
            if (pending.Latest.Count > options.Value.PurchaseMomentsPerWindow)
            {
                pending.Orders++;
                pending.Units += pending.Latest.Dequeue().Quantity;
            }
        }
    }

    /// <summary>Sends what the window collected.</summary>
    public override async Task RunOnceAsync(CancellationToken ct)
    {
        Dictionary<(string StreamId, string SaleId), Pending> due;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            due = _pending;
            _pending = [];
        }

        foreach (var ((streamId, _), pending) in due)
        {
            try
            {
                var first = true;
                foreach (var moment in pending.Latest)
                {
                    await events.PublishAsync(first ? moment with { CoalescedOrders = pending.Orders, CoalescedUnits = pending.Units } : moment, ct);
                    first = false;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Cosmetic: the orders are confirmed and logged; only this window's toasts are lost.
                LogSendFailed(Logger, streamId, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purchase moments of stream {StreamId} were not sent")]
    private static partial void LogSendFailed(ILogger logger, string streamId, Exception exception);

    private sealed class Pending
    {
        public Queue<PurchaseMade> Latest { get; } = new();

        public int Orders { get; set; }

        public int Units { get; set; }
    }
}
