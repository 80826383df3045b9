using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Orders;

/// <summary>
/// The append-only order log across sales (a Redis Stream) and each buyer's order list. An order is
/// first stored atomically with its sale's sold units (IFlashSaleInventory.CommitAsync); appending
/// here follows, and the buyer hears "confirmed" only after it returns. A checkout retried after a
/// crash appends again: the log is at-least-once and its readers de-duplicate by order id.
/// </summary>
public interface IOrderLog
{
    Task AppendAsync(OrderDto order, CancellationToken ct = default);

    /// <summary>The buyer's orders, newest first.</summary>
    Task<IReadOnlyList<OrderDto>> ListForBuyerAsync(string buyerId, int limit, CancellationToken ct = default);

    /// <summary>The brand's orders, newest first, each once.</summary>
    Task<IReadOnlyList<OrderDto>> ListForBrandAsync(string brandId, int limit, CancellationToken ct = default);

    /// <summary>Orders logged on <paramref name="day"/> (UTC), de-duplicated, oldest first.</summary>
    Task<IReadOnlyList<OrderDto>> ReadDayAsync(DateOnly day, CancellationToken ct = default);

    /// <summary>
    /// Appends a reversal (refund or cancellation) of a logged order. Like orders it is at-least-once:
    /// readers count one reversal per order id.
    /// </summary>
    Task AppendReversalAsync(OrderDto order, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Up to <paramref name="count"/> log entries after <paramref name="after"/> (null: from the start), oldest
    /// first, duplicates included. <see cref="OrderLogEntry.Position"/> is the checkpoint to pass next.
    /// </summary>
    Task<IReadOnlyList<OrderLogEntry>> ReadAfterAsync(string? after, int count, CancellationToken ct = default);

    /// <summary>True for exactly one caller per day cluster-wide: that node archives the day.</summary>
    Task<bool> TryClaimArchiveAsync(DateOnly day, CancellationToken ct = default);
}

/// <summary>One entry of the order log: an order, or the reversal of one (<see cref="IsReversal"/>).</summary>
public sealed record OrderLogEntry(string Position, OrderDto Order, bool IsReversal, DateTimeOffset At);

/// <summary>
/// Where each day's orders are archived as JSON lines: Blob (when Blob:ConnectionString is set) or a local folder.
/// </summary>
public interface IOrderArchive
{
    Task WriteDayAsync(DateOnly day, IReadOnlyList<OrderDto> orders, CancellationToken ct = default);
}
