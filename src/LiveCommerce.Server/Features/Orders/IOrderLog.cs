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

    /// <summary>Orders logged on <paramref name="day"/> (UTC), de-duplicated, oldest first.</summary>
    Task<IReadOnlyList<OrderDto>> ReadDayAsync(DateOnly day, CancellationToken ct = default);

    /// <summary>True for exactly one caller per day cluster-wide: that node archives the day.</summary>
    Task<bool> TryClaimArchiveAsync(DateOnly day, CancellationToken ct = default);
}

/// <summary>
/// Where each day's orders are archived as JSON lines. Ships with a local-folder adapter; the Blob
/// adapter arrives with the Media/Blob feature.
/// </summary>
public interface IOrderArchive
{
    Task WriteDayAsync(DateOnly day, IReadOnlyList<OrderDto> orders, CancellationToken ct = default);
}
