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
    /// <summary>Lower-case catalog categories (stored JSON from before categories reads as none).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 codes the product ships to. Per product, not per brand: a brand's catalog mixes
    /// goods that go anywhere with ones that may not cross some borders (cosmetics with alcohol, batteries).</summary>
    public IReadOnlyList<string> ShipsTo { get; init; } = [];

    public bool IsOwnedBy(Actor actor) => actor.IsAdmin || actor.ActsFor(BrandId);

    public ProductDto ToDto() => new(Id, BrandId, BrandName, Title, Description, Price, Stock, Variants, Tags, ImageUrls, UpdatedAt)
    {
        Categories = Categories,
        ShipsTo = ShipsTo,
    };
}

/// <summary>
/// A brand's terms with one host, and where the host's consent stands. Stored as JSON: a
/// partnership stored before consent existed has no status and reads as <see cref="PartnershipStatus.Accepted"/>
/// (the parameter's default), which is what it meant then.
/// </summary>
public sealed record Partnership(
    string BrandId,
    string HostId,
    decimal CommissionRate,
    IReadOnlyList<string> ProductIds,
    IReadOnlyDictionary<string, decimal> ProductRates,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo,
    PartnershipStatus Status = PartnershipStatus.Accepted,
    DateTimeOffset? AcceptedAt = null,
    DateTimeOffset? EndedAt = null,
    DateTimeOffset? ProposedAt = null)
{
    /// <summary>Bumped by every change through <see cref="ICatalogStore.TryReplacePartnershipAsync"/>: the compare-and-set token.</summary>
    public long Version { get; init; }

    /// <summary>The brand may sell on the host's streams at <paramref name="at"/>: the host accepted these terms and they are within their validity.</summary>
    public bool IsActiveAt(DateTimeOffset at) => Status == PartnershipStatus.Accepted && IsValidAt(at);

    /// <summary>
    /// Commission counts at <paramref name="at"/> (an order's time): the terms were accepted then. An
    /// ended partnership still counts for the time it was accepted, so an order placed before the end
    /// but projected after it still earns its commission; pending terms never do.
    /// </summary>
    public bool WasInForceAt(DateTimeOffset at) =>
        IsValidAt(at) && Status switch
        {
            PartnershipStatus.Accepted => AcceptedAt is null || AcceptedAt <= at,
            PartnershipStatus.Ended => AcceptedAt is { } accepted && accepted <= at && EndedAt is { } ended && at < ended,
            _ => false,
        };

    private bool IsValidAt(DateTimeOffset at) => ValidFrom <= at && (ValidTo is null || at < ValidTo);

    /// <summary>No product list means every product of the brand.</summary>
    public bool Covers(string productId) => ProductIds.Count == 0 || ProductIds.Contains(productId);

    public decimal RateFor(string productId) => ProductRates.TryGetValue(productId, out var rate) ? rate : CommissionRate;

    /// <summary>Same products, rates and validity: what the host agreed to (or would agree to) is unchanged.</summary>
    public bool HasSameTerms(Partnership other) =>
        CommissionRate == other.CommissionRate
        && ProductIds.Order(StringComparer.Ordinal).SequenceEqual(other.ProductIds.Order(StringComparer.Ordinal), StringComparer.Ordinal)
        && ProductRates.Count == other.ProductRates.Count
        && ProductRates.All(r => other.ProductRates.TryGetValue(r.Key, out var rate) && rate == r.Value)
        && ValidFrom == other.ValidFrom && ValidTo == other.ValidTo;

    public PartnershipDto ToDto() => new(BrandId, HostId, CommissionRate, ProductIds, ProductRates, ValidFrom, ValidTo)
    {
        Status = Status,
        AcceptedAt = AcceptedAt,
        EndedAt = EndedAt,
        ProposedAt = ProposedAt,
    };
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

    public const int MaxCategories = 5;
    public const int MaxCategory = 40;
    public const int MaxCountries = 250;

    public static void ValidateProduct(Validator v, ProductRequest? r)
    {
        if (r is null || r.Price is null)
        {
            v.Refuse("title, price {amount, currency} and stock are required.", r is null ? null : "price");
            return;
        }

        // Each problem names its field (JSON name), so the console shows it next to that input.
        v.Text("title", r.Title, MaxTitle)
         .Text("description", r.Description, MaxDescription, required: false)
         .Require(r.Price.Amount > 0 && r.Price.Amount <= MaxPrice, $"price.amount must be positive and at most {MaxPrice}.", "price")
         .Require(Currencies.IsKnown(r.Price.Currency), "price.currency must be a supported ISO 4217 code in upper case, e.g. USD.", "currency")
         .Require(r.Stock is >= 0 and <= MaxStock, $"stock must be between 0 and {MaxStock}.", "stock");
        if (Currencies.IsKnown(r.Price.Currency))
        {
            v.Require(Currencies.FitsMinorUnits(r.Price.Amount, r.Price.Currency),
                $"price.amount has more decimals than {r.Price.Currency} allows ({Currencies.MinorUnitsOf(r.Price.Currency)}).", "price");
        }

        ValidateVariants(v, r.Variants ?? []);

        var tags = r.Tags ?? [];
        v.Require(tags.Count <= MaxTags, $"At most {MaxTags} tags.", "tags");
        foreach (var tag in tags.Take(MaxTags))
        {
            v.Text("tags", tag, MaxTag);
        }

        var categories = r.Categories ?? [];
        v.Require(categories.Count <= MaxCategories, $"At most {MaxCategories} categories.", "categories");
        foreach (var category in categories.Take(MaxCategories))
        {
            v.Text("categories", category, MaxCategory);
        }

        var countries = r.ShipsTo ?? [];
        v.Require(countries.Count <= MaxCountries, $"At most {MaxCountries} countries.", "shipsTo")
         .Require(countries.Take(MaxCountries).All(IsCountryCode), "shipsTo must list ISO 3166-1 alpha-2 country codes in upper case, e.g. US, ES.", "shipsTo");
    }

    public static void ValidateVariants(Validator v, IReadOnlyList<VariantRequest> variants)
    {
        v.Require(variants.Count <= MaxVariants, $"At most {MaxVariants} variants.", "variants");
        for (var i = 0; i < variants.Count && i < MaxVariants; i++)
        {
            var x = variants[i];
            if (x is null)
            {
                v.Refuse($"variants[{i}] is null.", "variants");
                continue;
            }

            v.Require(x.Sku is null || TextRules.IsId(x.Sku), $"variants[{i}].sku must be letters, digits, '-' or '_' (at most 64).", $"variants[{i}].sku")
             .Text($"variants[{i}].size", x.Size, 40, required: false)
             .Text($"variants[{i}].color", x.Color, 40, required: false)
             .Require(x.Stock is >= 0 and <= MaxStock, $"variants[{i}].stock must be between 0 and {MaxStock}.", $"variants[{i}].stock");
        }

        var skus = variants.Where(x => x?.Sku is not null).Select(x => x.Sku).ToList();
        v.Require(skus.Distinct(StringComparer.Ordinal).Count() == skus.Count, "variant skus must be unique.", "variants");
    }

    /// <summary>Two ASCII capitals: the shape of ISO 3166-1 alpha-2 (which codes exist is the brand's business).</summary>
    public static bool IsCountryCode(string? code) => code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);

    /// <summary>Applies a validated request: cleaned text, generated skus, stock = sum of variants when there are any.</summary>
    public static Product Apply(Product p, ProductRequest r, DateTimeOffset now)
    {
        var variants = ApplyVariants(r.Variants ?? []);
        return p with
        {
            Title = TextRules.Clean(r.Title),
            Description = TextRules.Clean(r.Description ?? ""),
            Price = new Money(r.Price.Amount, r.Price.Currency),
            Variants = variants,
            Stock = variants.Count > 0 ? variants.Sum(x => x.Stock) : r.Stock,
            Tags = (r.Tags ?? []).Select(t => TextRules.Clean(t).ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
            Categories = r.Categories is null ? p.Categories : r.Categories.Select(c => TextRules.Clean(c).ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
            ShipsTo = r.ShipsTo is null ? p.ShipsTo : r.ShipsTo.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            UpdatedAt = now,
        };
    }

    /// <summary>Cleaned variants; a new one gets the first free <c>vN</c> sku, never one another variant has.</summary>
    public static List<ProductVariantDto> ApplyVariants(IReadOnlyList<VariantRequest> requested)
    {
        var used = requested.Where(x => x.Sku is not null).Select(x => x.Sku!).ToHashSet(StringComparer.Ordinal);
        var next = 1;
        var variants = new List<ProductVariantDto>(requested.Count);
        foreach (var x in requested)
        {
            var sku = x.Sku;
            if (sku is null)
            {
                while (used.Contains($"v{next}"))
                {
                    next++;
                }

                sku = $"v{next}";
                used.Add(sku);
            }

            variants.Add(new ProductVariantDto(sku, Clean(x.Size), Clean(x.Color), x.Stock));
        }

        return variants;
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

    /// <summary>
    /// A brand sells a product on a host's streams (showcase, sales) only while the host has accepted
    /// terms, in their validity, that cover the product.
    /// </summary>
    public static async Task RequirePartneredAsync(
        this ICatalogStore catalog, string brandId, string productId, string hostId, DateTimeOffset now, CancellationToken ct)
    {
        var partnership = await catalog.GetPartnershipAsync(brandId, hostId, ct);
        if (partnership is null || !partnership.IsActiveAt(now) || !partnership.Covers(productId))
        {
            throw AppException.Forbidden(ErrorCodes.NotPartnered, $"Host {hostId} has no accepted partnership with the brand covering product {productId}.");
        }
    }

    public static async Task<Partnership> GetPartnershipRequiredAsync(this ICatalogStore catalog, string brandId, string hostId, CancellationToken ct) =>
        (TextRules.IsId(brandId) && TextRules.IsId(hostId) ? await catalog.GetPartnershipAsync(brandId, hostId, ct) : null)
        ?? throw AppException.NotFound(ErrorCodes.PartnershipNotFound, "No partnership between that brand and host.");

    /// <summary>
    /// Reads the partnership, lets <paramref name="decide"/> say what it becomes (the same instance: no
    /// change), and writes that only onto what was read; on a lost race it reads and decides again. So an
    /// accept never revives a partnership ended meanwhile, and an end is never undone by a late accept.
    /// </summary>
    public static async Task<Partnership> ChangePartnershipAsync(
        this ICatalogStore catalog, string brandId, string hostId, Func<Partnership?, Partnership> decide, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var current = await catalog.GetPartnershipAsync(brandId, hostId, ct);
            var next = decide(current);
            if (ReferenceEquals(next, current))
            {
                return next;
            }

            next = next with { Version = (current?.Version ?? 0) + 1 };
            if (await catalog.TryReplacePartnershipAsync(current, next, ct))
            {
                return next;
            }
        }

        throw new AppException(ErrorCodes.Unavailable, "The partnership is changing too often right now; try again.", StatusCodes.Status503ServiceUnavailable);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : TextRules.Clean(s);
}
