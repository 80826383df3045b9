using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Features.Shipping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// Brings every confirmed order of the order log into the books exactly once, like the earnings
/// projector: it reads from a checkpoint, and the books' primary key on the order id is the guard, so a
/// replay, a restart after a crash, or projectors on several nodes at once insert each order once (the
/// loser's insert fails on the key and it moves on). A refund in the log (a reversal) makes the order
/// refunded, once: the status change is guarded by the order's version. The checkpoint only saves
/// re-reading; it is kept per log (named by the log's first entry) and may lag or go back harmlessly.
/// Each order takes the brand's return window of the moment it enters (the order keeps it).
/// </summary>
public sealed class OrderBooksProjector(
    IOrderLog log,
    IServiceScopeFactory scopes,
    IOrderStatusNotifier notifier,
    ShippingDirectory shipping,
    IOptions<FulfilmentOptions> options,
    TimeProvider clock,
    ILogger<OrderBooksProjector> logger) : BackgroundService
{
    /// <summary>The actor of what the books record on their own (orders entering, refunds found in the log).</summary>
    public static readonly Actor Books = new("books", "Order books", Roles.Admin);

    private string? _logName;

    /// <summary>Projects one batch after the stored checkpoint; returns how many entries were read.</summary>
    public async Task<int> ProjectBatchAsync(CancellationToken ct)
    {
        if (await LogNameAsync(ct) is not { } name)
        {
            return 0;
        }

        string? checkpoint;
        await using (var work = scopes.OpenBooks())
        {
            checkpoint = await work.Db.Checkpoints.AsNoTracking().Where(c => c.Name == name).Select(c => c.Position).FirstOrDefaultAsync(ct);
        }

        var entries = await log.ReadAfterAsync(checkpoint, options.Value.BatchSize, ct);
        await ProjectAsync(entries, ct);

        if (entries.Count > 0)
        {
            await SaveCheckpointAsync(name, entries[^1].Position, ct);
        }

        return entries.Count;
    }

    /// <summary>Reads the whole log again from its start; nothing is counted twice.</summary>
    public async Task ReplayAllAsync(CancellationToken ct)
    {
        string? position = null;
        while (true)
        {
            var entries = await log.ReadAfterAsync(position, options.Value.BatchSize, ct);
            await ProjectAsync(entries, ct);

            if (entries.Count == 0)
            {
                return;
            }

            position = entries[^1].Position;
        }
    }

    /// <summary>
    /// One batch of the log. The brands' return windows are read once per brand and batch (a flash sale's thousands
    /// of orders are one brand's), not once per order; a change still reaches every order of the batches after it.
    /// </summary>
    private async Task ProjectAsync(IReadOnlyList<OrderLogEntry> entries, CancellationToken ct)
    {
        var returnWindows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            ct.ThrowIfCancellationRequested();
            await InsertAsync(entry.Order, returnWindows, ct);
            if (entry.IsReversal)
            {
                await RefundedAsync(entry.Order.Id, entry.At, ct);
            }
        }
    }

    /// <summary>Inserts the order (paid) into its buyer's open shipment of the group; false when it was in the books already.</summary>
    private async Task<bool> InsertAsync(OrderDto order, Dictionary<string, int> returnWindows, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var work = scopes.OpenBooks();
            if (await work.Db.Orders.AnyAsync(o => o.Id == order.Id, ct))
            {
                return false;
            }

            if (!returnWindows.TryGetValue(order.BrandId, out var returnWindowDays))
            {
                returnWindows[order.BrandId] = returnWindowDays = await shipping.ReturnWindowDaysAsync(order.BrandId, ct) ?? options.Value.ReturnWindowDays;
            }

            var json = OrderLife.Serialize(order with { Status = null });
            var shipTo = OrderLife.ShipToOf(json);
            var key = GroupKey(order, shipTo);
            var now = clock.GetUtcNow();
            var shipment = await work.Db.Shipments.FirstOrDefaultAsync(s => s.OpenKey == key, ct);
            if (shipment is null)
            {
                shipment = new Shipment
                {
                    Id = "sh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), BrandId = order.BrandId, BuyerId = order.BuyerId,
                    StreamId = order.StreamId, ShipTo = shipTo, OpenKey = key, Stage = ShipmentStages.Open, CreatedAt = now, UpdatedAt = now,
                };
                work.Db.Shipments.Add(shipment);
            }
            else
            {
                // Bumped so that packing it at this moment and adding this order cannot both succeed.
                shipment.UpdatedAt = now;
                shipment.Version++;
            }

            work.Db.Orders.Add(new BookedOrder
            {
                Id = order.Id, BuyerId = order.BuyerId, BrandId = order.BrandId, SaleId = order.SaleId, StreamId = order.StreamId,
                HostId = order.Attribution?.HostId, Status = OrderStatuses.Paid, Total = order.Total, Currency = order.Currency,
                DisplayCurrency = order.DisplayCurrency, OrderJson = json, ShipTo = shipTo, ShipmentId = shipment.Id,
                ReturnWindowDays = returnWindowDays, CreatedAt = order.CreatedAt, UpdatedAt = now,
            });
            work.Db.OrderHistory.Add(new OrderHistoryEntry
            {
                OrderId = order.Id, ActorId = order.BuyerId, ActorName = "Buyer", From = null, To = OrderStatuses.Placed, At = order.CreatedAt,
            });
            work.Db.OrderHistory.Add(new OrderHistoryEntry
            {
                OrderId = order.Id, ActorId = Books.UserId, ActorName = "Payment", From = OrderStatuses.Placed, To = OrderStatuses.Paid, At = order.CreatedAt,
                Note = order.PaymentReference.Length > 0 ? $"payment {OrderLife.Shorten(order.PaymentReference, 100)}" : null,
            });
            try
            {
                await work.Db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                // Another projector inserted this order, or opened the group's shipment, or packed it: look again.
            }
        }
    }

    /// <summary>A refund found in the log: the order becomes refunded once (a cancelled one stays cancelled).</summary>
    private async Task RefundedAsync(string orderId, DateTimeOffset at, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var work = scopes.OpenBooks();
            var order = await work.Db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
            if (order is null || order.Status is OrderStatuses.Refunded or OrderStatuses.Cancelled)
            {
                return;
            }

            OrderLife.Move(work, order, OrderStatuses.Refunded, Books.UserId, "Refund", at, "refund recorded");
            await Shipments.DetachAsync(work, order, clock.GetUtcNow(), ct);
            try
            {
                await work.SaveAsync(notifier, ct);
                return;
            }
            catch (AppException) when (attempt < 8)
            {
                // Changed meanwhile (packed, shipped...): read it again.
            }
        }
    }

    private async Task SaveCheckpointAsync(string name, string position, CancellationToken ct)
    {
        await using var work = scopes.OpenBooks();
        var row = await work.Db.Checkpoints.FirstOrDefaultAsync(c => c.Name == name, ct);
        if (row is null)
        {
            work.Db.Checkpoints.Add(new ProjectorCheckpoint { Name = name, Position = position, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            row.Position = position;
            row.UpdatedAt = clock.GetUtcNow();
        }

        try
        {
            await work.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another projector saved its checkpoint first; ours is saved next batch (re-reading is harmless).
        }
    }

    /// <summary>Which log this is: its first entry. A new or different log (another Redis) starts from its own start.</summary>
    private async Task<string?> LogNameAsync(CancellationToken ct)
    {
        if (_logName is null && await log.ReadAfterAsync(null, 1, ct) is [var first, ..])
        {
            _logName = OrderLife.Shorten($"orders|{first.Position}|{first.Order.Id}", 200);
        }

        return _logName;
    }

    /// <summary>
    /// Orders travel together when one buyer bought them from one brand in one stream to one address;
    /// an order outside a stream travels alone.
    /// </summary>
    public static string GroupKey(OrderDto order, string? shipTo) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{order.BrandId}\n{order.BuyerId}\n{order.StreamId ?? "order:" + order.Id}\n{shipTo}")))[..40];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ProjectionLoop.RunAsync("order books", ProjectBatchAsync, options.Value.PollInterval, clock, logger, stoppingToken);
}
