using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Fulfilment;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Orders;

/// <summary>
/// A viewer sees only their own orders: the buyer is the caller, never a parameter. Each carries what the
/// books know of it (status, tracking, return window); an order the books have not reached yet has none.
/// </summary>
public sealed record ListMyOrders(Actor Actor, int Limit) : IQuery<IReadOnlyList<OrderDto>>, IValidated
{
    public void Validate(Validator v) => v.Require(Limit is >= 1 and <= 500, "limit must be between 1 and 500.");
}

public sealed class ListMyOrdersHandler(IOrderLog orders, IServiceScopeFactory scopes) : IQueryHandler<ListMyOrders, IReadOnlyList<OrderDto>>
{
    public async ValueTask<IReadOnlyList<OrderDto>> Handle(ListMyOrders query, CancellationToken ct)
    {
        var list = await orders.ListForBuyerAsync(query.Actor.UserId, query.Limit, ct);
        if (list.Count == 0)
        {
            return list;
        }

        var ids = list.Select(o => o.Id).ToList();
        await using var work = scopes.OpenBooks();
        var booked = await work.Db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var shipmentIds = booked.Values.Where(o => o.ShipmentId != null).Select(o => o.ShipmentId!).Distinct().ToList();
        var shipments = await work.Db.Shipments.AsNoTracking().Where(s => shipmentIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var returns = await work.Db.Returns.AsNoTracking().Where(r => ids.Contains(r.OrderId)).ToDictionaryAsync(r => r.OrderId, ct);
        return list.Select(o => booked.TryGetValue(o.Id, out var b)
            ? o with
            {
                Status = b.Status,
                Carrier = b.ShipmentId is { } s && shipments.TryGetValue(s, out var sh) ? sh.Carrier : null,
                TrackingNumber = b.ShipmentId is { } s2 && shipments.TryGetValue(s2, out var sh2) ? sh2.TrackingNumber : null,
                ShippedAt = b.ShipmentId is { } s3 && shipments.TryGetValue(s3, out var sh3) ? sh3.ShippedAt : null,
                DeliveredAt = b.DeliveredAt,
                ReturnBy = b.ReturnBy,
                ReturnReason = returns.GetValueOrDefault(o.Id)?.Reason,
            }
            : o).ToList();
    }
}
