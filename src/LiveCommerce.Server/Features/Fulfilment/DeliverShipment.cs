using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// A brand member records a shipped shipment delivered; its orders become delivered and the return window
/// opens: the brand's days (default <see cref="FulfilmentOptions.ReturnWindowDays"/>) from now.
/// </summary>
public sealed record DeliverShipment(Actor Actor, string ShipmentId) : ICommand<ShipmentDto>, IValidated
{
    public void Validate(Validator v) => v.Id("shipmentId", ShipmentId);
}

public sealed class DeliverShipmentHandler(
    IServiceScopeFactory scopes, IAccountDirectory accounts, IOrderStatusNotifier notifier, IOptions<FulfilmentOptions> options, TimeProvider clock)
    : ICommandHandler<DeliverShipment, ShipmentDto>
{
    public async ValueTask<ShipmentDto> Handle(DeliverShipment command, CancellationToken ct)
    {
        int days;
        await using (var work = scopes.OpenBooks())
        {
            var brand = await work.Db.Shipments.Where(s => s.Id == command.ShipmentId).Select(s => s.BrandId).FirstOrDefaultAsync(ct);
            days = brand is null ? options.Value.ReturnWindowDays
                : await work.Db.Brands.Where(b => b.BrandId == brand).Select(b => (int?)b.ReturnWindowDays).FirstOrDefaultAsync(ct) ?? options.Value.ReturnWindowDays;
        }

        return await ShipmentSteps.AdvanceAsync(scopes, accounts, notifier, clock, command.Actor, command.ShipmentId,
            ShipmentStages.Shipped, ShipmentStages.Delivered, OrderStatuses.Shipped, OrderStatuses.Delivered,
            (shipment, order, now) =>
            {
                shipment.DeliveredAt = now;
                order.DeliveredAt = now;
                order.ReturnBy = now.AddDays(days);
            }, ct);
    }
}
