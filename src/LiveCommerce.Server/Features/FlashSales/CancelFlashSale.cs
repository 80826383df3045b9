using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>The owning brand cancels before the start.</summary>
public sealed record CancelFlashSale(Actor Actor, string SaleId) : ICommand<FlashSaleDto>;

public sealed class CancelFlashSaleHandler(IFlashSaleInventory inventory, ISaleSchedule schedule, TimeProvider clock)
    : ICommandHandler<CancelFlashSale, FlashSaleDto>
{
    public async ValueTask<FlashSaleDto> Handle(CancelFlashSale command, CancellationToken ct)
    {
        await inventory.GetOwnedAsync(command.SaleId, command.Actor, ct);
        if (await inventory.CancelAsync(command.SaleId, ct) != EditOutcome.Done)
        {
            throw AppException.Conflict(ErrorCodes.SaleNotEditable, "Only a scheduled sale can be cancelled.");
        }

        await schedule.UnscheduleAsync(command.SaleId, ct);
        return (await inventory.GetRequiredAsync(command.SaleId, ct)).ToDto(clock.GetUtcNow());
    }
}
