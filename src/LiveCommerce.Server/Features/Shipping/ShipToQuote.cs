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

        AddressDto address;
        await using (var work = scopes.OpenAccounts())
        {
            address = (await ListAddressesHandler.RequireOwnAsync(work.Db, actor.UserId, addressId, ct)).ToDto();
        }

        var policy = await directory.PolicyAsync(sale.BrandId, ct);
        var shipsTo = (await catalog.GetProductAsync(sale.ProductId, ct))?.ShipsTo ?? [];
        LandedCostQuoter.RequireShips(policy, shipsTo, address.Country);
        return new Destination(address with { IsDefault = false }, policy, shipsTo);
    }

    public ValueTask<LandedCostDto> QuoteAsync(Destination destination, FlashSale sale, int quantity, string? displayCurrency, CancellationToken ct) =>
        quoter.QuoteAsync(destination.Policy, destination.ProductShipsTo, new Money(sale.Price, sale.Currency), quantity, destination.Address.Country, displayCurrency, ct);
}
