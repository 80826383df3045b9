using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Fx;

namespace LiveCommerce.Server.Features.Catalog;

/// <summary>A brand's product as stored. Images are appended separately (atomically) by the store.</summary>
public sealed record Product(
    string Id,
    string BrandId,
    string BrandName,
    string Title,
    string Description,
    Money Price,
    int Stock,
    IReadOnlyList<ProductVariantDto> Variants,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> ImageUrls,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsOwnedBy(Actor actor) => actor.IsAdmin || actor.ActsFor(BrandId);

    public ProductDto ToDto() => new(Id, BrandId, BrandName, Title, Description, Price, Stock, Variants, Tags, ImageUrls, UpdatedAt);
}

/// <summary>A brand's terms with one host. Stored now; attribution reads the rates later.</summary>
public sealed record Partnership(
    string BrandId,
    string HostId,
    decimal CommissionRate,
    IReadOnlyList<string> ProductIds,
    IReadOnlyDictionary<string, decimal> ProductRates,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo)
{
    public bool IsActiveAt(DateTimeOffset at) => ValidFrom <= at && (ValidTo is null || at < ValidTo);

    /// <summary>No product list means every product of the brand.</summary>
    public bool Covers(string productId) => ProductIds.Count == 0 || ProductIds.Contains(productId);

    public decimal RateFor(string productId) => ProductRates.TryGetValue(productId, out var rate) ? rate : CommissionRate;

    public PartnershipDto ToDto() => new(BrandId, HostId, CommissionRate, ProductIds, ProductRates, ValidFrom, ValidTo);
}

public static class CatalogRules
{
    public const int MaxTitle = 120;
    public const int MaxDescription = 4000;
    public const int MaxVariants = 50;
    public const int MaxTags = 20;
    public const int MaxTag = 32;
    public const int MaxStock = 1_000_000;
    public const int MaxImages = 12;
    public const decimal MaxPrice = 1_000_000_000m;

    public static void ValidateProduct(Validator v, ProductRequest? r)
    {
        if (r is null || r.Price is null)
        {
            v.Refuse("title, price {amount, currency} and stock are required.");
            return;
        }

        v.Text("title", r.Title, MaxTitle)
         .Text("description", r.Description, MaxDescription, required: false)
         .Require(r.Price.Amount > 0 && r.Price.Amount <= MaxPrice, $"price.amount must be positive and at most {MaxPrice}.")
         .Require(Currencies.IsKnown(r.Price.Currency), "price.currency must be a supported ISO 4217 code in upper case, e.g. USD.")
         .Require(r.Stock is >= 0 and <= MaxStock, $"stock must be between 0 and {MaxStock}.");
        if (Currencies.IsKnown(r.Price.Currency))
        {
            v.Require(Currencies.FitsMinorUnits(r.Price.Amount, r.Price.Currency),
                $"price.amount has more decimals than {r.Price.Currency} allows ({Currencies.MinorUnitsOf(r.Price.Currency)}).");
        }

        var variants = r.Variants ?? [];
        v.Require(variants.Count <= MaxVariants, $"At most {MaxVariants} variants.");
        for (var i = 0; i < variants.Count && i < MaxVariants; i++)
        {
            var x = variants[i];
            if (x is null)
            {
                v.Refuse($"variants[{i}] is null.");
                continue;
            }

            v.Require(x.Sku is null || TextRules.IsId(x.Sku), $"variants[{i}].sku must be letters, digits, '-' or '_' (at most 64).")
             .Text($"variants[{i}].size", x.Size, 40, required: false)
             .Text($"variants[{i}].color", x.Color, 40, required: false)
             .Require(x.Stock is >= 0 and <= MaxStock, $"variants[{i}].stock must be between 0 and {MaxStock}.");
        }

        var skus = variants.Where(x => x?.Sku is not null).Select(x => x.Sku).ToList();
        v.Require(skus.Distinct(StringComparer.Ordinal).Count() == skus.Count, "variant skus must be unique.");

        var tags = r.Tags ?? [];
        v.Require(tags.Count <= MaxTags, $"At most {MaxTags} tags.");
        foreach (var tag in tags.Take(MaxTags))
        {
            v.Text("tag", tag, MaxTag);
        }
    }

    /// <summary>Applies a validated request: cleaned text, generated skus, stock = sum of variants when there are any.</summary>
    public static Product Apply(Product p, ProductRequest r, DateTimeOffset now)
    {
        var variants = (r.Variants ?? []).Select((x, i) => new ProductVariantDto(
            x.Sku ?? $"v{i + 1}", Clean(x.Size), Clean(x.Color), x.Stock)).ToList();
        return p with
        {
            Title = TextRules.Clean(r.Title),
            Description = TextRules.Clean(r.Description ?? ""),
            Price = new Money(r.Price.Amount, r.Price.Currency),
            Variants = variants,
            Stock = variants.Count > 0 ? variants.Sum(x => x.Stock) : r.Stock,
            Tags = (r.Tags ?? []).Select(t => TextRules.Clean(t).ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
            UpdatedAt = now,
        };
    }

    public static async Task<Product> GetRequiredAsync(this ICatalogStore catalog, string productId, CancellationToken ct) =>
        (TextRules.IsId(productId) ? await catalog.GetProductAsync(productId, ct) : null)
        ?? throw AppException.NotFound(ErrorCodes.ProductNotFound, "No such product.");

    public static async Task<Product> GetOwnedAsync(this ICatalogStore catalog, string productId, Actor actor, CancellationToken ct)
    {
        var product = await catalog.GetRequiredAsync(productId, ct);
        return product.IsOwnedBy(actor)
            ? product
            : throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the product's brand can change it.");
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : TextRules.Clean(s);
}
