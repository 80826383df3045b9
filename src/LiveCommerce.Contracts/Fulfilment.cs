namespace LiveCommerce.Contracts;

/// <summary>
/// An order's life in the books (issue 27). A confirmed order enters the books <see cref="Paid"/> (its
/// payment is what confirmed it); <see cref="Placed"/> names an order still waiting for its payment.
/// paid → packed → shipped → delivered; paid or packed → cancelled; delivered → return_requested (the
/// buyer, within the brand's window) → return_approved → refunded, or → return_refused. A refund recorded
/// in the order log (the brand's Refund) makes any order not cancelled refunded.
/// </summary>
public static class OrderStatuses
{
    public const string Placed = "placed";
    public const string Paid = "paid";
    public const string Packed = "packed";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";
    public const string ReturnRequested = "return_requested";
    public const string ReturnApproved = "return_approved";
    public const string ReturnRefused = "return_refused";
    public const string Refunded = "refunded";

    public static readonly IReadOnlyList<string> All =
    [
        Placed, Paid, Packed, Shipped, Delivered, Cancelled, ReturnRequested, ReturnApproved, ReturnRefused, Refunded,
    ];
}

/// <summary>The fulfilment queue's tabs (<c>GET /api/fulfilment/queue?stage=</c>).</summary>
public static class FulfilmentStages
{
    public const string ToPack = "to_pack";
    public const string ToShip = "to_ship";
    public const string InTransit = "in_transit";
    public const string Returns = "returns";

    public static readonly IReadOnlyList<string> All = [ToPack, ToShip, InTransit, Returns];
}

/// <summary>
/// What the books know of an order, on <c>GET /api/orders/mine</c> (added fields: older clients ignore them).
/// All null until the books have the order (moments after it is confirmed).
/// </summary>
public sealed partial record OrderDto
{
    /// <summary>One of <see cref="OrderStatuses"/>.</summary>
    public string? Status { get; init; }

    public string? Carrier { get; init; }

    public string? TrackingNumber { get; init; }

    public DateTimeOffset? ShippedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>Until when the buyer may ask to return it (delivered orders only).</summary>
    public DateTimeOffset? ReturnBy { get; init; }

    /// <summary>The buyer's reason when a return was requested.</summary>
    public string? ReturnReason { get; init; }
}

/// <summary>One change in an order's life: who, from what (null when it entered the books), to what, when.</summary>
public sealed record OrderHistoryDto(string? From, string To, string ActorId, string ActorName, DateTimeOffset At, string? Note);

/// <summary><c>GET /api/orders/{id}</c>: the order with its status and history, oldest change first.</summary>
public sealed record OrderDetailDto(OrderDto Order, IReadOnlyList<OrderHistoryDto> History);

/// <summary><c>POST /api/orders/{id}/return</c>.</summary>
public sealed record ReturnRequest(string? Reason)
{
    public const int MinLength = 3;
    public const int MaxLength = 500;
}

/// <summary><c>POST /api/fulfilment/shipments/{id}/ship</c>.</summary>
public sealed record ShipRequest(string? Carrier, string? TrackingNumber)
{
    public const int CarrierMaxLength = 60;
    public const int TrackingMaxLength = 60;
}

/// <summary>An order of a shipment as the brand packs it.</summary>
public sealed record FulfilmentOrderDto(
    string Id, string Status, IReadOnlyList<OrderItemDto> Items, decimal Total, string Currency, DateTimeOffset CreatedAt, int Version);

/// <summary>
/// Orders by one buyer from one brand in one stream (to one address when the orders carry one), packed and
/// shipped together. <see cref="Stage"/>: open (to pack), packed (to ship), shipped, delivered, cancelled.
/// </summary>
public sealed record ShipmentDto(
    string Id,
    string Stage,
    string BuyerId,
    string BuyerName,
    string? StreamId,
    string? ShipTo,
    string? Carrier,
    string? TrackingNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<FulfilmentOrderDto> Orders);

/// <summary>A buyer's return: <see cref="Status"/> requested, approved, refused or refunded.</summary>
public sealed record ReturnDto(
    string Id,
    string OrderId,
    string BuyerId,
    string BuyerName,
    string Reason,
    string Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset WindowEndsAt,
    IReadOnlyList<OrderItemDto> Items,
    decimal Total,
    string Currency);

/// <summary><c>GET /api/fulfilment/queue</c>: one tab of the queue, oldest first.</summary>
public sealed record FulfilmentQueueDto(string Stage, IReadOnlyList<ShipmentDto> Shipments, IReadOnlyList<ReturnDto> Returns);

/// <summary>One line to pick: the units of one product variant across the shipment's orders.</summary>
public sealed record PackingLineDto(string ProductId, string? VariantId, string Title, int Quantity);

/// <summary><c>GET /api/fulfilment/shipments/{id}/packing-list</c>.</summary>
public sealed record PackingListDto(ShipmentDto Shipment, IReadOnlyList<PackingLineDto> Lines, int Units);

/// <summary>Pushed to the buyer (every connection of their account) when one of their orders changes status.</summary>
public sealed record OrderStatusChanged(
    string OrderId, string From, string Status, string? Carrier, string? TrackingNumber, DateTimeOffset At, DateTimeOffset? ReturnBy);

public partial interface ILiveClient
{
    /// <summary>Sent to the order's buyer. Not sequenced: it carries the new status whole.</summary>
    Task OrderStatusChanged(OrderStatusChanged e);
}
