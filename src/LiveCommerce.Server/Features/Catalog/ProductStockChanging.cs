using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

/// <summary>
/// Published before a product's new stock is saved. What is already sold or held elsewhere (the buy-now
/// items, docs/decisions/0004-regular-buy-now-items.md) refuses a stock below it by throwing, and nothing is saved.
/// </summary>
public sealed record ProductStockChanging(Product Before, Product After) : INotification
{
    /// <summary>Each variant's (or the whole product's, without variants) new stock, with the request field it came from.</summary>
    public IEnumerable<(string? VariantId, int Stock, string Field)> Changes()
    {
        if (After.Variants.Count == 0)
        {
            if (After.Stock != Before.Stock || Before.Variants.Count > 0)
            {
                yield return (null, After.Stock, "stock");
            }

            yield break;
        }

        for (var i = 0; i < After.Variants.Count; i++)
        {
            var v = After.Variants[i];
            if (Before.Variants.FirstOrDefault(b => b.Sku == v.Sku)?.Stock != v.Stock)
            {
                yield return (v.Sku, v.Stock, $"variants[{i}].stock");
            }
        }
    }
}
