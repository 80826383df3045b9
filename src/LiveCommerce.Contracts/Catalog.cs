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
    DateTimeOffset UpdatedAt);

/// <summary>Create or replace a product's details. With variants, the product's stock is their sum.</summary>
public sealed record ProductRequest(
    string Title,
    string? Description,
    Money Price,
    int Stock,
    IReadOnlyList<VariantRequest>? Variants,
    IReadOnlyList<string>? Tags);

/// <summary>A variant; <see cref="Sku"/> is generated when omitted.</summary>
public sealed record VariantRequest(string? Sku, string? Size, string? Color, int Stock);

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
}

/// <summary>
/// <c>POST /api/partnerships/{brandId}/accept</c>, body optional. With <see cref="ProposedAt"/> (from the
/// proposal the host read) the accept is refused with <c>terms_changed</c> if the brand has proposed again since.
/// </summary>
public sealed record AcceptPartnershipRequest(DateTimeOffset? ProposedAt);

public sealed record PartnershipRequest(
    string HostId,
    decimal CommissionRate,
    IReadOnlyList<string>? ProductIds,
    IReadOnlyDictionary<string, decimal>? ProductRates,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo);

/// <summary>A price converted for display; the brand is still paid in <see cref="Original"/>'s currency.</summary>
public sealed record ConvertedPrice(Money Original, Money Converted, decimal Rate);
