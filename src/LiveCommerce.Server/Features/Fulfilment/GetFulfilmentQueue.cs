using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>One tab of a brand's fulfilment queue, oldest first: shipments to pack, to ship, in transit, or returns to decide.</summary>
public sealed record GetFulfilmentQueue(Actor Actor, string? BrandId, string? Stage) : IQuery<FulfilmentQueueDto>, IValidated
{
    public const int Limit = 200;

    public void Validate(Validator v) =>
        v.Require(Stage is null || FulfilmentStages.All.Contains(Stage), $"stage must be one of {string.Join(", ", FulfilmentStages.All)}.", "stage")
         .Require(BrandId is null || TextRules.IsId(BrandId), "brandId is not a valid id.", "brandId");
}

public sealed class GetFulfilmentQueueHandler(IServiceScopeFactory scopes, IAccountDirectory accounts) : IQueryHandler<GetFulfilmentQueue, FulfilmentQueueDto>
{
    public async ValueTask<FulfilmentQueueDto> Handle(GetFulfilmentQueue query, CancellationToken ct)
    {
        var brand = FulfilmentAccess.BrandOf(query.Actor, query.BrandId);
        var stage = query.Stage ?? FulfilmentStages.ToPack;
        await using var work = scopes.OpenBooks();
        if (stage == FulfilmentStages.Returns)
        {
            // Approved ones stay until refunded: an approval whose refund failed is retried from here.
            var returns = await work.Db.Returns.AsNoTracking()
                .Where(r => r.BrandId == brand && (r.Status == ReturnStatuses.Requested || r.Status == ReturnStatuses.Approved))
                .OrderBy(r => r.RequestedAt).Take(GetFulfilmentQueue.Limit).ToListAsync(ct);
            return new FulfilmentQueueDto(stage, [], await Returns.ViewAsync(work.Db, returns, accounts, ct));
        }

        var shipmentStage = stage switch
        {
            FulfilmentStages.ToShip => ShipmentStages.Packed,
            FulfilmentStages.InTransit => ShipmentStages.Shipped,
            _ => ShipmentStages.Open,
        };
        var shipments = await work.Db.Shipments.AsNoTracking().Where(s => s.BrandId == brand && s.Stage == shipmentStage)
            .OrderBy(s => s.CreatedAt).Take(GetFulfilmentQueue.Limit).ToListAsync(ct);
        return new FulfilmentQueueDto(stage, await Shipments.ViewAsync(work.Db, shipments, accounts, ct), []);
    }
}
