using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>Before the end: grow, or cut down to what is already sold plus held. New units go to the waitlist first.</summary>
public sealed record ChangeSaleQuantity(Actor Actor, string SaleId, int Quantity) : ICommand<FlashSaleDto>, IValidated
{
    public void Validate(Validator v) =>
        v.Require(Quantity is >= 0 and <= SaleRules.MaxQuantity, $"quantity must be between 0 and {SaleRules.MaxQuantity}.");
}

public sealed class ChangeSaleQuantityHandler(IFlashSaleInventory inventory, IFlashSaleNotifier notifier, SoldOutCache soldOut, TimeProvider clock)
    : ICommandHandler<ChangeSaleQuantity, FlashSaleDto>
{
    public async ValueTask<FlashSaleDto> Handle(ChangeSaleQuantity command, CancellationToken ct)
    {
        await inventory.GetOwnedAsync(command.SaleId, command.Actor, ct);
        var change = await inventory.ChangeQuantityAsync(command.SaleId, command.Quantity, ct);
        await StockEffects.ApplyAsync(command.SaleId, change, notifier, soldOut, ct);
        return (await inventory.GetRequiredAsync(command.SaleId, ct)).ToDto(clock.GetUtcNow());
    }
}
