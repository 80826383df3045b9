using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// A brand member records a shipped shipment delivered; its orders become delivered and each one's return window
/// opens: the days it was sold with (<see cref="BookedOrder.ReturnWindowDays"/>; the default
/// <see cref="FulfilmentOptions.ReturnWindowDays"/> for orders booked before it was recorded) from now.
/// </summary>
public sealed record DeliverShipment(Actor Actor, string ShipmentId) : ICommand<ShipmentDto>, IValidated
{
    public void Validate(Validator v) => v.Id("shipmentId", ShipmentId);
}

public sealed class DeliverShipmentHandler(
    IServiceScopeFactory scopes, IAccountDirectory accounts, IOrderStatusNotifier notifier, IOptions<FulfilmentOptions> options, TimeProvider clock)
    : ICommandHandler<DeliverShipment, ShipmentDto>
{
    public async ValueTask<ShipmentDto> Handle(DeliverShipment command, CancellationToken ct) =>
        await ShipmentSteps.AdvanceAsync(scopes, accounts, notifier, clock, command.Actor, command.ShipmentId,
            ShipmentStages.Shipped, ShipmentStages.Delivered, OrderStatuses.Shipped, OrderStatuses.Delivered,
            (shipment, order, now) =>
            {
                shipment.DeliveredAt = now;
                order.DeliveredAt = now;
                order.ReturnBy = now.AddDays(order.ReturnWindowDays ?? options.Value.ReturnWindowDays);
            }, ct);
}
