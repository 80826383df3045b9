using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.FlashSales;
using Mediator;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>
/// <c>POST /api/checkout/quote</c>: what the buyer will pay, and what waits at the door, before paying. For a hold
/// (its sale's price; <see cref="QuoteRequest.Quantity"/> is the hold's, as reserve answered it) or a product at
/// list price; to one of the caller's addresses or a country; in the brand's currency and <c>displayCurrency</c>.
/// </summary>
public sealed record QuoteLandedCost(Actor Actor, QuoteRequest Request) : IQuery<LandedCostDto>, IValidated
{
    public void Validate(Validator v)
    {
        var r = Request;
        if (r is null)
        {
            v.Refuse("A body is required.");
            return;
        }

        v.Require(r.HoldId is not null || r.ProductId is not null, "holdId or productId is required.", "holdId")
         .Require(r.HoldId is null || HoldIds.SaleOf(r.HoldId) is not null, "holdId is not a hold.", "holdId")
         .Require(r.ProductId is null || TextRules.IsId(r.ProductId), "productId is not a valid id.", "productId")
         .Require(r.VariantId is null || TextRules.IsId(r.VariantId), "variantId is not a valid id.", "variantId")
         .Require(r.Quantity is null or (>= 1 and <= SaleRules.MaxPerBuyer), $"quantity must be 1 to {SaleRules.MaxPerBuyer}.", "quantity")
         .Require(r.AddressId is null || TextRules.IsId(r.AddressId), "addressId is not a valid id.", "addressId")
         .Require(r.DisplayCurrency is null || Fx.Currencies.IsKnown(r.DisplayCurrency), "displayCurrency must be a supported ISO 4217 code.", "displayCurrency");
    }
}

public sealed class QuoteLandedCostHandler(
    IServiceScopeFactory scopes, IFlashSaleInventory inventory, ICatalogStore catalog, ShippingDirectory directory, LandedCostQuoter quoter)
    : IQueryHandler<QuoteLandedCost, LandedCostDto>
{
    public async ValueTask<LandedCostDto> Handle(QuoteLandedCost query, CancellationToken ct)
    {
        var r = query.Request;
        string brandId;
        string productId;
        Money price;
        if (r.HoldId is { } holdId)
        {
            var sale = await inventory.GetAsync(HoldIds.SaleOf(holdId)!, ct) ?? throw AppException.NotFound(ErrorCodes.HoldNotFound, "No such hold.");
            (brandId, productId, price) = (sale.BrandId, sale.ProductId, new Money(sale.Price, sale.Currency));
        }
        else
        {
            var product = await catalog.GetProductAsync(r.ProductId!, ct) ?? throw AppException.NotFound(ErrorCodes.ProductNotFound, "No such product.");
            (brandId, productId, price) = (product.BrandId, product.Id, product.Price);
        }

        var country = await DestinationAsync(query.Actor, r, ct);
        var shipsTo = (await catalog.GetProductAsync(productId, ct))?.ShipsTo ?? [];
        return await quoter.QuoteAsync(await directory.PolicyAsync(brandId, ct), shipsTo, price, r.Quantity ?? 1, country, r.DisplayCurrency, ct);
    }

    /// <summary>The address's country (one of the caller's own), else the country given, else the viewer's.</summary>
    private async ValueTask<string> DestinationAsync(Actor actor, QuoteRequest r, CancellationToken ct)
    {
        if (r.AddressId is { } addressId)
        {
            actor.RequireAccount("use an address");
            await using var work = scopes.OpenAccounts();
            return (await ListAddressesHandler.RequireOwnAsync(work.Db, actor.UserId, addressId, ct)).Country;
        }

        var country = r.Country?.Trim().ToUpperInvariant() ?? await directory.CountryOfAsync(actor, ct);
        if (country is null)
        {
            throw AppException.ForField(ErrorCodes.AddressRequired, "addressId", "Choose where the order goes: an address or a country.");
        }

        return AddressRules.IsSupported(country)
            ? country
            : throw AppException.ForField(ErrorCodes.CountryNotSupported, "country", "We don't deliver to that country yet.");
    }
}

/// <summary><c>GET /api/shipping/products/{id}</c>: does it ship to the viewer (or <c>?country=</c>)? The pin says so before Buy.</summary>
public sealed record GetShippingAvailability(Actor Actor, string ProductId, string? Country) : IQuery<ShippingAvailabilityDto>, IValidated
{
    public void Validate(Validator v) =>
        v.Id("productId", ProductId).Require(Country is null || AddressRules.IsSupported(Country), "country is not a supported ISO code.", "country");
}

public sealed class GetShippingAvailabilityHandler(ICatalogStore catalog, ShippingDirectory directory) : IQueryHandler<GetShippingAvailability, ShippingAvailabilityDto>
{
    public async ValueTask<ShippingAvailabilityDto> Handle(GetShippingAvailability query, CancellationToken ct)
    {
        var product = await catalog.GetProductAsync(query.ProductId, ct) ?? throw AppException.NotFound(ErrorCodes.ProductNotFound, "No such product.");
        var policy = await directory.PolicyAsync(product.BrandId, ct);
        var country = query.Country ?? await directory.CountryOfAsync(query.Actor, ct);
        var brandList = policy.IsUnset ? [] : policy.ShipsTo.Count > 0 ? policy.ShipsTo : policy.Zones.SelectMany(z => z.Countries).Distinct().ToList();
        IReadOnlyList<string> shipsTo = product.ShipsTo.Count == 0 ? brandList : brandList.Count == 0 ? product.ShipsTo : [.. product.ShipsTo.Intersect(brandList)];
        return new ShippingAvailabilityDto(product.Id, country, country is null || LandedCostQuoter.Ships(policy, product.ShipsTo, country), [.. shipsTo.Order(StringComparer.Ordinal)]);
    }
}
