using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>A brand member packs a shipment: its paid orders become packed, and later orders of the group open a new shipment.</summary>
public sealed record PackShipment(Actor Actor, string ShipmentId) : ICommand<ShipmentDto>, IValidated
{
    public void Validate(Validator v) => v.Id("shipmentId", ShipmentId);
}

public sealed class PackShipmentHandler(IServiceScopeFactory scopes, IAccountDirectory accounts, IOrderStatusNotifier notifier, TimeProvider clock)
    : ICommandHandler<PackShipment, ShipmentDto>
{
    public async ValueTask<ShipmentDto> Handle(PackShipment command, CancellationToken ct) =>
        await ShipmentSteps.AdvanceAsync(scopes, accounts, notifier, clock, command.Actor, command.ShipmentId,
            ShipmentStages.Open, ShipmentStages.Packed, OrderStatuses.Paid, OrderStatuses.Packed,
            (shipment, _, _) => shipment.OpenKey = null, ct);
}
