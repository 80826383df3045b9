namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// A confirmed order in the books: one row per order id (the projector's guard), the order as logged
/// (items, amounts, ship-to) kept whole in <see cref="OrderJson"/>, and its life since.
/// </summary>
public sealed class BookedOrder
{
    public required string Id { get; set; }

    public required string BuyerId { get; set; }

    public required string BrandId { get; set; }

    public required string SaleId { get; set; }

    public string? StreamId { get; set; }

    public string? HostId { get; set; }

    public required string Status { get; set; }

    public decimal Total { get; set; }

    public required string Currency { get; set; }

    public required string DisplayCurrency { get; set; }

    /// <summary>The order exactly as the log carried it (StoredJson).</summary>
    public required string OrderJson { get; set; }

    /// <summary>The ship-to address the order was bought with, as JSON, when it has one.</summary>
    public string? ShipTo { get; set; }

    public string? ShipmentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? ReturnBy { get; set; }

    /// <summary>
    /// The brand's return window when the order reached the books (days after delivery): a later change of the
    /// brand's window does not touch orders already sold. Null only for orders booked before it was recorded.
    /// </summary>
    public int? ReturnWindowDays { get; set; }

    /// <summary>Optimistic concurrency: every change bumps it; two changes read at the same version, one wins.</summary>
    public int Version { get; set; }
}

/// <summary>One change of an order's status: who, from → to, when, why.</summary>
public sealed class OrderHistoryEntry
{
    public long Id { get; set; }

    public required string OrderId { get; set; }

    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    public string? From { get; set; }

    public required string To { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Note { get; set; }
}

/// <summary>
/// Orders by one buyer from one brand in one stream (and one address) that travel together. While open
/// (not packed yet) <see cref="OpenKey"/> holds the group's key, unique, so concurrent projectors add a
/// group's orders to one open shipment; packing clears it and the next order opens a new one.
/// </summary>
public sealed class Shipment
{
    public required string Id { get; set; }

    public required string BrandId { get; set; }

    public required string BuyerId { get; set; }

    public string? StreamId { get; set; }

    public string? ShipTo { get; set; }

    public string? OpenKey { get; set; }

    /// <summary><see cref="ShipmentStages"/>.</summary>
    public required string Stage { get; set; }

    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public int Version { get; set; }
}

public static class ShipmentStages
{
    public const string Open = "open";
    public const string Packed = "packed";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";
}

/// <summary>A buyer's return of one order: at most one per order.</summary>
public sealed class OrderReturn
{
    public required string Id { get; set; }

    public required string OrderId { get; set; }

    public required string BuyerId { get; set; }

    public required string BrandId { get; set; }

    public required string Reason { get; set; }

    /// <summary><see cref="ReturnStatuses"/>.</summary>
    public required string Status { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The window the request was made in: delivered + the brand's days.</summary>
    public DateTimeOffset WindowEndsAt { get; set; }

    public int WindowDays { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    /// <summary>Set once the returned units went back to the product's stock (never twice).</summary>
    public DateTimeOffset? RestockedAt { get; set; }

    public int Version { get; set; }
}

public static class ReturnStatuses
{
    public const string Requested = "requested";
    public const string Approved = "approved";
    public const string Refused = "refused";
    public const string Refunded = "refunded";
}

/// <summary>How far a projector has read one order log (named by its first entry: a new log starts from its start).</summary>
public sealed class ProjectorCheckpoint
{
    public required string Name { get; set; }

    public required string Position { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
