using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>A brand member hands a packed shipment to a carrier, with its tracking number; its orders become shipped.</summary>
public sealed partial record ShipShipment(Actor Actor, string ShipmentId, ShipRequest Request) : ICommand<ShipmentDto>, IValidated
{
    public void Validate(Validator v)
    {
        v.Id("shipmentId", ShipmentId)
         .Text("carrier", Request.Carrier, ShipRequest.CarrierMaxLength)
         .Text("trackingNumber", Request.TrackingNumber, ShipRequest.TrackingMaxLength);
        if (!string.IsNullOrWhiteSpace(Request.TrackingNumber))
        {
            v.Require(TrackingShape().IsMatch(Request.TrackingNumber.Trim()), "trackingNumber has letters, digits, spaces and dashes only.", "trackingNumber");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 -]{2,59}$")]
    private static partial Regex TrackingShape();
}

public sealed class ShipShipmentHandler(IServiceScopeFactory scopes, IAccountDirectory accounts, IOrderStatusNotifier notifier, TimeProvider clock)
    : ICommandHandler<ShipShipment, ShipmentDto>
{
    public async ValueTask<ShipmentDto> Handle(ShipShipment command, CancellationToken ct) =>
        await ShipmentSteps.AdvanceAsync(scopes, accounts, notifier, clock, command.Actor, command.ShipmentId,
            ShipmentStages.Packed, ShipmentStages.Shipped, OrderStatuses.Packed, OrderStatuses.Shipped,
            (shipment, _, now) =>
            {
                shipment.Carrier = command.Request.Carrier!.Trim();
                shipment.TrackingNumber = command.Request.TrackingNumber!.Trim();
                shipment.ShippedAt = now;
            }, ct);
}
