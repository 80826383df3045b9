using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>The owning brand edits everything before the start.</summary>
public sealed record UpdateFlashSale(Actor Actor, string SaleId, ScheduleFlashSaleRequest Request) : ICommand<FlashSaleDto>, IValidated
{
    public void Validate(Validator v) => SaleRules.ValidateShape(v, Request);
}

public sealed class UpdateFlashSaleHandler(
    IFlashSaleInventory inventory, ISaleSchedule schedule, IStreamStore streams, ICatalogStore catalog, IOptions<FlashSaleOptions> options, TimeProvider clock)
    : ICommandHandler<UpdateFlashSale, FlashSaleDto>
{
    public async ValueTask<FlashSaleDto> Handle(UpdateFlashSale command, CancellationToken ct)
    {
        var current = await inventory.GetOwnedAsync(command.SaleId, command.Actor, ct);
        var now = clock.GetUtcNow();
        var sale = await SaleRules.BuildAsync(current.Id, command.Actor, command.Request with { Kind = current.Kind }, streams, catalog, options.Value, now, ct);
        await SaleRules.RequireRoomAsync(inventory, sale, options.Value, now, ct);
        if (current.Kind == SaleKind.Regular || await inventory.UpdateBeforeStartAsync(sale, ct) != EditOutcome.Done)
        {
            throw AppException.Conflict(ErrorCodes.SaleNotEditable, "Only a scheduled sale can be edited; once started only its quantity changes.");
        }

        // Lost a race with an end: the sale goes back to what it was before this edit.
        await SaleRules.RecheckPartneredAsync(command.Actor, sale, streams, catalog, clock,
            async () =>
            {
                if (await inventory.UpdateBeforeStartAsync(current, CancellationToken.None) != EditOutcome.Done)
                {
                    await SaleRules.TakeBackAsync(inventory, sale.Id); // the edit started it at once
                }
            });

        await SaleRules.ScheduleEdgesAsync(schedule, sale, options.Value, ct);
        return (await inventory.GetRequiredAsync(sale.Id, ct)).ToDto(now);
    }
}
