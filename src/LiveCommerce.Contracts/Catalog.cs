namespace LiveCommerce.Contracts;

/// <summary>An amount in one ISO 4217 currency. Always decimal, never float.</summary>
public sealed record Money(decimal Amount, string Currency);

public sealed record ProductVariantDto(string Sku, string? Size, string? Color, int Stock);

public sealed record ProductDto(
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
    DateTimeOffset UpdatedAt)
{
    /// <summary>Where the product sits in the brand's catalog (lower case, e.g. <c>skincare</c>); hosts search by them.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 codes of the countries the brand ships this product to; empty: not said.</summary>
    public IReadOnlyList<string> ShipsTo { get; init; } = [];
}

/// <summary>Create or replace a product's details. With variants, the product's stock is their sum.</summary>
public sealed record ProductRequest(
    string Title,
    string? Description,
    Money Price,
    int Stock,
    IReadOnlyList<VariantRequest>? Variants,
    IReadOnlyList<string>? Tags)
{
    /// <summary>Left out (null): unchanged on update, none on create.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>ISO 3166-1 alpha-2 codes, upper case (<c>US</c>, <c>ES</c>). Left out (null): unchanged on update, none on create.</summary>
    public IReadOnlyList<string>? ShipsTo { get; init; }
}

/// <summary>A variant; <see cref="Sku"/> is generated when omitted.</summary>
public sealed record VariantRequest(string? Sku, string? Size, string? Color, int Stock);

/// <summary>
/// <c>PUT /api/products/{id}/variants</c>: the product's whole variant list. A variant that names a
/// <see cref="VariantRequest.Sku"/> must be one of this product's (<c>variant_not_found</c>); a new one leaves it out.
/// </summary>
public sealed record ProductVariantsRequest(IReadOnlyList<VariantRequest> Variants);

/// <summary>
/// Where a partnership stands. The brand proposes (<see cref="Pending"/>); only the host's accept
/// (<see cref="Accepted"/>) lets the brand sell on the host's streams; either side may end it (<see cref="Ended"/>).
/// </summary>
public enum PartnershipStatus
{
    Pending,
    Accepted,
    Ended,
}

/// <summary>
/// Which products a host may sell for a brand, and the commission (percent of the sale, 1–80).
/// Empty <see cref="ProductIds"/>: every product of the brand. <see cref="ProductRates"/> overrides the rate per product.
/// </summary>
public sealed record PartnershipDto(
    string BrandId,
    string HostId,
    decimal CommissionRate,
    IReadOnlyList<string> ProductIds,
    IReadOnlyDictionary<string, decimal> ProductRates,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo)
{
    public PartnershipStatus Status { get; init; }

    /// <summary>When the host accepted the current terms; null while pending (and for partnerships older than consent).</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When the brand proposed the current terms: the host's accept may name it, so terms changed meanwhile are not accepted unseen.</summary>
    public DateTimeOffset? ProposedAt { get; init; }

    /// <summary>The brand's display name, for people (ids are for machines).</summary>
    public string? BrandName { get; init; }

    /// <summary>The host's display name.</summary>
    public string? HostName { get; init; }

    /// <summary>The host's public handle (<c>leo</c>, shown as @leo).</summary>
    public string? HostHandle { get; init; }
}

/// <summary>
/// <c>POST /api/partnerships/{brandId}/accept</c>, body optional. With <see cref="ProposedAt"/> (from the
/// proposal the host read) the accept is refused with <c>terms_changed</c> if the brand has proposed again since.
/// </summary>
public sealed record AcceptPartnershipRequest(DateTimeOffset? ProposedAt);

/// <summary>
/// A brand's proposal to a host, named by <see cref="HostHandle"/> (<c>leo</c> or <c>@leo</c>, as people know
/// hosts) or, for older clients, by <see cref="HostId"/>. With both, the handle wins.
/// </summary>
public sealed record PartnershipRequest(
    string? HostId,
    decimal CommissionRate,
    IReadOnlyList<string>? ProductIds,
    IReadOnlyDictionary<string, decimal>? ProductRates,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo)
{
    public string? HostHandle { get; init; }
}

/// <summary>A price converted for display; the brand is still paid in <see cref="Original"/>'s currency.</summary>
public sealed record ConvertedPrice(Money Original, Money Converted, decimal Rate);
