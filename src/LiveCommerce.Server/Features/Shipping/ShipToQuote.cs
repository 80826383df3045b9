using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.FlashSales;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>
/// Checkout's part of shipping: the buyer's address (their own, else <see cref="ErrorCodes.AddressNotFound"/>),
/// the ships-to check, and the landed-cost quote recorded on the order.
/// </summary>
public sealed class ShipToQuote(IServiceScopeFactory scopes, ICatalogStore catalog, ShippingDirectory directory, ShipsToGate gate, LandedCostQuoter quoter)
{
    public sealed record Destination(AddressDto Address, ShippingPolicy Policy, IReadOnlyList<string> ProductShipsTo);

    /// <summary>Null without an address (the viewer's known country is still checked).</summary>
    public async ValueTask<Destination?> PrepareAsync(Actor actor, FlashSale sale, string? addressId, string? displayCurrency, CancellationToken ct)
    {
        if (addressId is null)
        {
            await gate.RequireForSaleAsync(actor, sale.Id, ct);
            return null;
        }

        if (displayCurrency is not null && !Fx.Currencies.IsKnown(displayCurrency))
        {
            throw new AppException(ErrorCodes.UnsupportedCurrency, "The display currency is not supported.");
        }

        var destination = await DestinationAsync(actor.UserId, addressId, sale, ct);
        LandedCostQuoter.RequireShips(destination.Policy, destination.ProductShipsTo, destination.Address.Country);
        return destination;
    }

    public ValueTask<LandedCostDto> QuoteAsync(Destination destination, FlashSale sale, int quantity, string? displayCurrency, CancellationToken ct) =>
        quoter.QuoteAsync(destination.Policy, destination.ProductShipsTo, new Money(sale.Price, sale.Currency), quantity, destination.Address.Country, displayCurrency, ct);

    /// <summary>
    /// At settlement, which may be a webhook with no caller: the address the buyer paid for (the intent's copy, made
    /// at checkout: editing or deleting it in the book meanwhile changes nothing) and its quote, for the order. A
    /// brand that stopped shipping there meanwhile leaves the order without the quote: the payment stands.
    /// </summary>
    public async ValueTask<(AddressDto Address, LandedCostDto? Landed)> RecordAsync(
        AddressDto paidFor, FlashSale sale, int quantity, string? displayCurrency, CancellationToken ct)
    {
        var policy = await directory.PolicyAsync(sale.BrandId, ct);
        var shipsTo = (await catalog.GetProductAsync(sale.ProductId, ct))?.ShipsTo ?? [];
        try
        {
            return (paidFor, await QuoteAsync(new Destination(paidFor, policy, shipsTo), sale, quantity, displayCurrency, ct));
        }
        catch (AppException)
        {
            return (paidFor, null);
        }
    }

    /// <summary>
    /// At settlement of an intent made before intents carried the address: the buyer's address as it is now, and
    /// its quote. Null when the buyer deleted the address meanwhile: the payment stands, and the order says no ship-to.
    /// </summary>
    public async ValueTask<(AddressDto Address, LandedCostDto? Landed)?> RecordAsync(
        string buyerId, string addressId, FlashSale sale, int quantity, string? displayCurrency, CancellationToken ct)
    {
        try
        {
            var destination = await DestinationAsync(buyerId, addressId, sale, ct);
            return (destination.Address, await QuoteAsync(destination, sale, quantity, displayCurrency, ct));
        }
        catch (AppException e) when (e.Code == ErrorCodes.AddressNotFound)
        {
            return null;
        }
    }

    /// <summary>The buyer's own address (else <see cref="ErrorCodes.AddressNotFound"/>) with the brand's policy and the product's countries.</summary>
    private async Task<Destination> DestinationAsync(string buyerId, string addressId, FlashSale sale, CancellationToken ct)
    {
        AddressDto address;
        await using (var work = scopes.OpenAccounts())
        {
            address = (await ListAddressesHandler.RequireOwnAsync(work.Db, buyerId, addressId, ct)).ToDto();
        }

        var policy = await directory.PolicyAsync(sale.BrandId, ct);
        var shipsTo = (await catalog.GetProductAsync(sale.ProductId, ct))?.ShipsTo ?? [];
        return new Destination(address with { IsDefault = false }, policy, shipsTo);
    }
}
