using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>The buyer gives a hold back (changed their mind): its units return at once, to the waitlist first.</summary>
public sealed record ReleaseHold(Actor Actor, string HoldId) : ICommand<bool>;

public sealed class ReleaseHoldHandler(IFlashSaleInventory inventory, IFlashSaleNotifier notifier, SoldOutCache soldOut)
    : ICommandHandler<ReleaseHold, bool>
{
    public async ValueTask<bool> Handle(ReleaseHold command, CancellationToken ct)
    {
        var saleId = HoldIds.SaleOf(command.HoldId) ?? throw AppException.NotFound(ErrorCodes.HoldNotFound, "No such hold.");
        var released = await inventory.ReleaseAsync(command.HoldId, command.Actor.UserId, ct);
        if (released.Units > 0)
        {
            await StockEffects.ApplyAsync(saleId, released, notifier, soldOut, ct);
        }

        return released.Units > 0;
    }
}
