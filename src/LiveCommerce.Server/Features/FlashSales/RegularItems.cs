using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Catalog;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// Buy now at list price (docs/decisions/0004-regular-buy-now-items.md): each product variant has one
/// Regular sale, its "regular item", whose id follows from the product and variant, created on first
/// use with the variant's stock. Every purchase then goes through the same Lua-atomic reserve,
/// checkout and order path as a flash sale, so stock, per-buyer limits and exactly-once orders hold alike.
/// </summary>
public static class RegularItems
{
    /// <summary>How long a buy-now hold keeps its units for the buyer to pay.</summary>
    public const int HoldSeconds = 300;

    /// <summary>The same id on every node: concurrent first buyers create one item, and the loser reads the winner's.</summary>
    public static string IdFor(string productId, string? variantId) =>
        "rs-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(productId + "\n" + (variantId ?? ""))))[..20];

    /// <summary>The variant's stock, or the product's for a product without variants.</summary>
    public static int StockOf(Product product, string? variantId) =>
        variantId is null ? product.Stock : product.Variants.FirstOrDefault(v => v.Sku == variantId)?.Stock ?? 0;

    public static string TitleOf(Product product, string? variantId) =>
        product.Variants.FirstOrDefault(v => v.Sku == variantId) is { } v && (v.Size ?? v.Color) is not null
            ? $"{product.Title} ({string.Join(", ", new[] { v.Size, v.Color }.Where(x => !string.IsNullOrWhiteSpace(x)))})"
            : product.Title;

    /// <summary>
    /// The item of the variant, created when missing and repriced when the product's list price changed.
    /// Tracked (holds swept, orders reconciled) before it is created, so no hold of it can escape the sweep.
    /// </summary>
    public static async Task<FlashSale> EnsureAsync(
        IFlashSaleInventory inventory, ISaleSchedule schedule, Product product, string? variantId, FlashSaleOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var id = IdFor(product.Id, variantId);
        var title = TitleOf(product, variantId);
        if (await inventory.GetAsync(id, ct) is { } existing)
        {
            if (existing.Price != product.Price.Amount || existing.Currency != product.Price.Currency || existing.Title != title)
            {
                var repriced = existing with { Price = product.Price.Amount, Currency = product.Price.Currency, Title = title };
                await inventory.RepriceRegularAsync(repriced, ct);
                return repriced;
            }

            return existing;
        }

        var sale = new FlashSale(
            id, SaleKind.Regular, product.Id, variantId, title, product.BrandId, product.Price.Amount, product.Price.Currency, [],
            Math.Max(0, StockOf(product, variantId)), options.RegularPerBuyerLimit, HoldSeconds, now, null);
        await SaleRules.ScheduleEdgesAsync(schedule, sale, options, ct);
        await inventory.CreateAsync(sale, ct);
        return await inventory.GetAsync(id, ct) ?? sale;
    }
}
