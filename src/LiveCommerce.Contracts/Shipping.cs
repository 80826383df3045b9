namespace LiveCommerce.Contracts;

/// <summary><c>POST /api/me/addresses</c> and <c>PUT /api/me/addresses/{id}</c>: one postal address of the buyer.</summary>
public sealed record AddressRequest(
    string? Name,
    string? Line1,
    string? Line2,
    string? City,
    string? Region,
    string? PostalCode,
    string? Country,
    string? Phone,
    bool IsDefault = false);

/// <summary>An address in the buyer's book (and, without its id, the ship-to snapshot on an order).</summary>
public sealed record AddressDto(
    string Id,
    string Name,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string? PostalCode,
    string Country,
    string? Phone,
    bool IsDefault);

/// <summary>A brand's shipping zone: a fee (in the brand's shipping currency) for a group of countries.</summary>
public sealed record ShippingZoneDto(string Name, IReadOnlyList<string> Countries, decimal Fee);

/// <summary>
/// <c>GET/PUT /api/brands/{id}/shipping</c>. <see cref="ShipsTo"/> empty: the brand ships wherever its zones
/// reach. <see cref="CollectsImportTaxes"/>: delivered duty paid (the buyer pays the estimate at checkout);
/// otherwise the carrier collects duties and taxes on delivery. <see cref="ReturnWindowDays"/>: days after delivery
/// a buyer may ask to return an order (0 to 365); read, it is the brand's own or the default; sent as null, it is kept.
/// An order keeps the window that applied when it reached the books.
/// </summary>
public sealed record BrandShippingDto(
    string BrandId,
    string Currency,
    IReadOnlyList<string> ShipsTo,
    IReadOnlyList<ShippingZoneDto> Zones,
    bool CollectsImportTaxes,
    string? OriginCountry = null,
    int? ReturnWindowDays = null)
{
    public const int MaxReturnWindowDays = 365;
}

/// <summary>
/// <c>POST /api/checkout/quote</c>: a hold (<see cref="HoldId"/>) or a product (<see cref="ProductId"/>,
/// <see cref="VariantId"/>, <see cref="Quantity"/>), and where it goes: one of the buyer's addresses
/// (<see cref="AddressId"/>) or a country.
/// </summary>
public sealed record QuoteRequest(
    string? HoldId = null,
    string? ProductId = null,
    string? VariantId = null,
    int? Quantity = null,
    string? AddressId = null,
    string? Country = null,
    string? DisplayCurrency = null);

/// <summary>One side of a landed-cost quote, all in <see cref="Currency"/>.</summary>
public sealed record LandedAmounts(
    string Currency,
    decimal Items,
    decimal Shipping,
    decimal Duties,
    decimal Taxes,
    decimal Total,
    decimal PayNow,
    decimal DueOnDelivery);

/// <summary>
/// What an order costs at the buyer's door: in the brand's currency (<see cref="Brand"/>) and the viewer's
/// (<see cref="Display"/>, converted at <see cref="FxRate"/> display units per brand unit). Duties and taxes
/// are an estimate from the shipped rule table (docs/LANDED-COST.md); <see cref="ImportChargesPrepaid"/>:
/// the brand collects them now (DDP), else they are due on delivery.
/// </summary>
public sealed record LandedCostDto(
    string Country,
    LandedAmounts Brand,
    LandedAmounts Display,
    decimal FxRate,
    bool ImportChargesPrepaid,
    bool Domestic,
    string TaxName,
    decimal TaxRate,
    string RuleSource,
    string RuleAsOf);

/// <summary><c>GET /api/shipping/products/{id}</c>: whether the product ships to the viewer's country.</summary>
public sealed record ShippingAvailabilityDto(string ProductId, string? Country, bool Ships, IReadOnlyList<string> ShipsTo);

/// <summary>The countries the address book accepts (ISO 3166-1 alpha-2), for pickers; the server's rule table is the same list.</summary>
public static class AddressCountries
{
    public static readonly IReadOnlyList<string> All =
    [
        "AE", "AT", "AU", "BE", "BG", "BR", "CA", "CH", "CN", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HK",
        "HR", "HU", "IE", "IN", "IT", "JP", "KR", "LT", "LU", "LV", "MT", "MX", "NL", "NO", "NZ", "PL", "PT", "RO", "SE", "SG",
        "SI", "SK", "US",
    ];
}
