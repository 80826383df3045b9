using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>The order state machine (<see cref="OrderStatuses"/>): which change may follow which, and how one is recorded.</summary>
public static class OrderLife
{
    private static readonly Dictionary<string, string[]> Next = new(StringComparer.Ordinal)
    {
        [OrderStatuses.Placed] = [OrderStatuses.Paid, OrderStatuses.Cancelled],
        [OrderStatuses.Paid] = [OrderStatuses.Packed, OrderStatuses.Cancelled, OrderStatuses.Refunded],
        [OrderStatuses.Packed] = [OrderStatuses.Shipped, OrderStatuses.Cancelled, OrderStatuses.Refunded],
        [OrderStatuses.Shipped] = [OrderStatuses.Delivered, OrderStatuses.Refunded],
        [OrderStatuses.Delivered] = [OrderStatuses.ReturnRequested, OrderStatuses.Refunded],
        [OrderStatuses.ReturnRequested] = [OrderStatuses.ReturnApproved, OrderStatuses.ReturnRefused, OrderStatuses.Refunded],
        [OrderStatuses.ReturnApproved] = [OrderStatuses.Refunded],
        [OrderStatuses.ReturnRefused] = [OrderStatuses.Refunded],
        [OrderStatuses.Cancelled] = [],
        [OrderStatuses.Refunded] = [],
    };

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool Allows(string from, string to) => Next.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);

    /// <summary>
    /// Moves the order to <paramref name="to"/>, writing its history and bumping its version (the
    /// concurrency token), or refuses with <c>invalid_order_transition</c> and changes nothing.
    /// </summary>
    public static void Move(BooksWork work, BookedOrder order, string to, string actorId, string actorName, DateTimeOffset at, string? note = null)
    {
        if (!Allows(order.Status, to))
        {
            throw AppException.Conflict(ErrorCodes.InvalidOrderTransition, $"An order that is {order.Status.Replace('_', ' ')} cannot become {to.Replace('_', ' ')}.");
        }

        var from = order.Status;
        work.Db.OrderHistory.Add(new OrderHistoryEntry
        {
            OrderId = order.Id, ActorId = actorId, ActorName = Shorten(actorName, 100), From = from, To = to, At = at, Note = note is null ? null : Shorten(note, 600),
        });
        order.Status = to;
        order.UpdatedAt = at;
        order.Version++;
        work.Pushes.Add((order.BuyerId, new OrderStatusChanged(order.Id, from, to, null, null, at, order.ReturnBy)));
    }

    /// <summary>The pushes of this work carry the shipment's carrier and tracking (set after the moves).</summary>
    public static void WithTracking(BooksWork work, string? carrier, string? tracking)
    {
        for (var i = 0; i < work.Pushes.Count; i++)
        {
            work.Pushes[i] = (work.Pushes[i].BuyerId, work.Pushes[i].Change with { Carrier = carrier, TrackingNumber = tracking });
        }
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max];

    public static string Serialize(OrderDto order) => JsonSerializer.Serialize(order, Json);

    public static OrderDto Deserialize(string json) => JsonSerializer.Deserialize<OrderDto>(json, Json)!;

    /// <summary>
    /// The ship-to address an order carries (a <c>shipTo</c> object once checkout records one), as compact
    /// JSON; null for orders without one. Read from the JSON so the books need no change when it arrives.
    /// </summary>
    public static string? ShipToOf(string orderJson) =>
        JsonNode.Parse(orderJson)?["shipTo"] is { } node && node.GetValueKind() == JsonValueKind.Object ? node.ToJsonString() : null;

    /// <summary>The order as the buyer and brand read it: as logged, plus its life.</summary>
    public static OrderDto View(BookedOrder booked, Shipment? shipment, OrderReturn? ret) => Deserialize(booked.OrderJson) with
    {
        Status = booked.Status,
        Carrier = shipment?.Carrier,
        TrackingNumber = shipment?.TrackingNumber,
        ShippedAt = shipment?.ShippedAt,
        DeliveredAt = booked.DeliveredAt,
        ReturnBy = booked.ReturnBy,
        ReturnReason = ret?.Reason,
    };
}
