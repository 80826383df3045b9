using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Catalog;
using Mediator;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// A returned item goes back to its product's stock through the catalog's own path: the stock change is
/// published first (ProductStockChanging: the variant's buy-now item grows by as much), then saved.
/// </summary>
public sealed class Restock(ICatalogStore catalog, IPublisher publisher)
{
    public async Task ReturnAsync(IReadOnlyList<OrderItemDto> items, CancellationToken ct)
    {
        foreach (var item in items)
        {
            if (await catalog.GetProductAsync(item.ProductId, ct) is not { } product)
            {
                continue; // deleted since: nothing to return it to
            }

            var after = item.VariantId is { } sku && product.Variants.Any(v => v.Sku == sku)
                ? product with { Variants = product.Variants.Select(v => v.Sku == sku ? v with { Stock = v.Stock + item.Quantity } : v).ToList() }
                : product with { Stock = product.Stock + item.Quantity };
            await publisher.Publish(new ProductStockChanging(product, after), ct);
            await catalog.UpdateProductAsync(after, ct);
        }
    }
}
