using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// A brand manager cancels an order before it ships: it leaves its shipment, becomes cancelled, and the
/// buyer is refunded through the existing refund (once). Asked again once cancelled, it only makes sure
/// the refund went through.
/// </summary>
public sealed record CancelOrder(Actor Actor, string OrderId) : ICommand<OrderDto>, IValidated
{
    public void Validate(Validator v) => v.Require(OrderIds.IsValid(OrderId), "orderId is not a valid order id.", "orderId");
}

public sealed class CancelOrderHandler(IServiceScopeFactory scopes, IOrderStatusNotifier notifier, ISender sender, TimeProvider clock)
    : ICommandHandler<CancelOrder, OrderDto>
{
    public async ValueTask<OrderDto> Handle(CancelOrder command, CancellationToken ct)
    {
        FulfilmentAccess.RequireBrandRole(command.Actor);
        BookedOrder order;
        await using (var work = scopes.OpenBooks())
        {
            order = await work.Db.Orders.FirstOrDefaultAsync(o => o.Id == command.OrderId, ct)
                ?? throw AppException.NotFound(ErrorCodes.OrderNotFound, "No such order.");
            FulfilmentAccess.RequireActsFor(command.Actor, order.BrandId, BrandRoles.Manager);
            if (order.Status != OrderStatuses.Cancelled)
            {
                var now = clock.GetUtcNow();
                OrderLife.Move(work, order, OrderStatuses.Cancelled, command.Actor.UserId, command.Actor.DisplayName, now);
                await Shipments.DetachAsync(work, order, now, ct);
                await work.SaveAsync(notifier, ct);
            }
        }

        await Refunds.RefundOnceAsync(sender, command.Actor, order.Id, ct);
        return OrderLife.View(order, null, null);
    }
}
