using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>What to put in one box: the units of each product variant across the shipment's orders still to send.</summary>
public sealed record GetPackingList(Actor Actor, string ShipmentId) : IQuery<PackingListDto>, IValidated
{
    public void Validate(Validator v) => v.Id("shipmentId", ShipmentId);
}

public sealed class GetPackingListHandler(IServiceScopeFactory scopes, IAccountDirectory accounts) : IQueryHandler<GetPackingList, PackingListDto>
{
    public async ValueTask<PackingListDto> Handle(GetPackingList query, CancellationToken ct)
    {
        FulfilmentAccess.RequireBrandRole(query.Actor);
        await using var work = scopes.OpenBooks();
        var shipment = await work.Db.Shipments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == query.ShipmentId, ct)
            ?? throw AppException.NotFound(ErrorCodes.ShipmentNotFound, "No such shipment.");
        FulfilmentAccess.RequireActsFor(query.Actor, shipment.BrandId, BrandRoles.Staff);
        var view = (await Shipments.ViewAsync(work.Db, [shipment], accounts, ct))[0];
        var lines = view.Orders.Where(o => o.Status is not (OrderStatuses.Cancelled or OrderStatuses.Refunded))
            .SelectMany(o => o.Items)
            .GroupBy(i => (i.ProductId, i.VariantId))
            .Select(g => new PackingLineDto(g.Key.ProductId, g.Key.VariantId, g.First().Title, g.Sum(i => i.Quantity)))
            .OrderBy(l => l.Title, StringComparer.Ordinal).ToList();
        return new PackingListDto(view, lines, lines.Sum(l => l.Quantity));
    }
}
