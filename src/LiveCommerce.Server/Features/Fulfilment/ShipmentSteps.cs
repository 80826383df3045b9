using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// Moves a shipment one step (open → packed → shipped → delivered) and its orders with it, in one save.
/// The shipment's version is the concurrency token: two people packing (or shipping) it at once read the
/// same version, one save wins and the other gets <c>order_changed</c>; a step that does not follow the
/// shipment's stage gets <c>invalid_order_transition</c>. Nothing changes on a refusal.
/// </summary>
public static class ShipmentSteps
{
    public static async Task<ShipmentDto> AdvanceAsync(
        IServiceScopeFactory scopes, IAccountDirectory accounts, IOrderStatusNotifier notifier, TimeProvider clock,
        Actor actor, string shipmentId, string from, string to, string orderFrom, string orderTo,
        Action<Shipment, BookedOrder, DateTimeOffset> apply, CancellationToken ct)
    {
        FulfilmentAccess.RequireBrandRole(actor);
        await using var work = scopes.OpenBooks();
        var shipment = await work.Db.Shipments.FirstOrDefaultAsync(s => s.Id == shipmentId, ct)
            ?? throw AppException.NotFound(ErrorCodes.ShipmentNotFound, "No such shipment.");
        FulfilmentAccess.RequireActsFor(actor, shipment.BrandId, BrandRoles.Staff);
        if (shipment.Stage != from)
        {
            throw AppException.Conflict(ErrorCodes.InvalidOrderTransition, $"A shipment that is {shipment.Stage} cannot become {to}.");
        }

        var now = clock.GetUtcNow();
        // Orders refunded or cancelled meanwhile stay as they are; the others move with the box.
        var orders = await work.Db.Orders.Where(o => o.ShipmentId == shipmentId && o.Status == orderFrom).ToListAsync(ct);
        if (orders.Count == 0)
        {
            throw AppException.Conflict(ErrorCodes.InvalidOrderTransition, "This shipment has no order left to move.");
        }

        shipment.Stage = to;
        shipment.UpdatedAt = now;
        shipment.Version++;
        foreach (var order in orders)
        {
            apply(shipment, order, now);
            OrderLife.Move(work, order, orderTo, actor.UserId, actor.DisplayName, now,
                to == ShipmentStages.Shipped ? $"{shipment.Carrier} {shipment.TrackingNumber}" : null);
        }

        OrderLife.WithTracking(work, shipment.Carrier, shipment.TrackingNumber);
        await work.SaveAsync(notifier, ct);
        return (await Shipments.ViewAsync(work.Db, [shipment], accounts, ct))[0];
    }
}
