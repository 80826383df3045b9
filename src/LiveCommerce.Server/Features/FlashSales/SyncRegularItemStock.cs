using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using Mediator;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// The brand's new catalog stock reaches the variant's buy-now item (its quantity, sold + held + left), and a stock
/// below what is already sold plus held is refused next to its field before anything changes.
/// </summary>
public sealed class SyncRegularItemStock(IFlashSaleInventory inventory, IFlashSaleNotifier notifier, SoldOutCache soldOut)
    : INotificationHandler<ProductStockChanging>
{
    public async ValueTask Handle(ProductStockChanging change, CancellationToken ct)
    {
        var items = new List<(string SaleId, int Stock)>();
        foreach (var (variantId, stock, field) in change.Changes())
        {
            if (await inventory.GetAsync(RegularItems.IdFor(change.After.Id, variantId), ct) is not { } item)
            {
                continue; // never bought yet: the item is created from the catalog's stock on first purchase
            }

            if (stock < item.Sold + item.Held)
            {
                throw AppException.ForField(ErrorCodes.QuantityBelowCommitted, field,
                    $"{item.Sold} sold and {item.Held} held already: the stock cannot go below {item.Sold + item.Held}.", StatusCodes.Status409Conflict);
            }

            items.Add((item.Id, stock));
        }

        // Checked first, so a refusal changes nothing; each change is still refused atomically if a hold came in meanwhile.
        foreach (var (saleId, stock) in items)
        {
            await StockEffects.ApplyAsync(saleId, await inventory.ChangeQuantityAsync(saleId, stock, ct), notifier, soldOut, ct);
        }
    }
}
