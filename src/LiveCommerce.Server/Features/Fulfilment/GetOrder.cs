using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// One order with its status and history: for its buyer, its brand's members and admins. Anyone else is
/// told it does not exist (<c>order_not_found</c>), so order ids reveal nothing.
/// </summary>
public sealed record GetOrder(Actor Actor, string OrderId) : IQuery<OrderDetailDto>, IValidated
{
    public void Validate(Validator v) => v.Require(OrderIds.IsValid(OrderId), "orderId is not a valid order id.", "orderId");
}

public sealed class GetOrderHandler(IServiceScopeFactory scopes) : IQueryHandler<GetOrder, OrderDetailDto>
{
    public async ValueTask<OrderDetailDto> Handle(GetOrder query, CancellationToken ct)
    {
        await using var work = scopes.OpenBooks();
        var order = await work.Db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == query.OrderId, ct);
        if (order is null || !(order.BuyerId == query.Actor.UserId || query.Actor.IsAdmin || query.Actor.ActsFor(order.BrandId)))
        {
            throw AppException.NotFound(ErrorCodes.OrderNotFound, "No such order.");
        }

        var shipment = order.ShipmentId is null ? null : await work.Db.Shipments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == order.ShipmentId, ct);
        var ret = await work.Db.Returns.AsNoTracking().FirstOrDefaultAsync(r => r.OrderId == order.Id, ct);
        var history = (await work.Db.OrderHistory.AsNoTracking().Where(h => h.OrderId == order.Id).ToListAsync(ct))
            .OrderBy(h => h.Id).Select(h => new OrderHistoryDto(h.From, h.To, h.ActorId, h.ActorName, h.At, h.Note)).ToList();
        return new OrderDetailDto(OrderLife.View(order, shipment, ret), history);
    }
}
