using System.Collections.Concurrent;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.FlashSales;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>
/// Buy refuses a product that does not ship to the buyer's country (<see cref="Contracts.ErrorCodes.DoesNotShipToCountry"/>),
/// before any stock is held. On the flash-sale rush this runs per tap, so it reads from memory: a sale's product
/// never changes, a product's countries and the brand's settings are remembered for <see cref="ShippingDirectory.Ttl"/>.
/// A viewer whose country is unknown passes here; Checkout asks for the address and checks again.
/// </summary>
public sealed class ShipsToGate(ShippingDirectory directory, ICatalogStore catalog, IFlashSaleInventory inventory, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (string ProductId, string BrandId)> _sales = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<string> ShipsTo)> _products = new(StringComparer.Ordinal);

    public async ValueTask RequireForSaleAsync(Actor actor, string saleId, CancellationToken ct)
    {
        if (!_sales.TryGetValue(saleId, out var sale))
        {
            if (await inventory.GetAsync(saleId, ct) is not { } found)
            {
                return; // the reserve answers for a missing sale
            }

            sale = _sales[saleId] = (found.ProductId, found.BrandId);
        }

        await RequireAsync(actor, sale.BrandId, await ShipsToOfAsync(sale.ProductId, ct), ct);
    }

    public async ValueTask RequireAsync(Actor actor, string brandId, IReadOnlyList<string> productShipsTo, CancellationToken ct)
    {
        var policy = await directory.PolicyAsync(brandId, ct);
        if (policy.IsUnset && productShipsTo.Count == 0)
        {
            return; // ships anywhere: no need to know where the viewer is
        }

        if (await directory.CountryOfAsync(actor, ct) is { } country)
        {
            LandedCostQuoter.RequireShips(policy, productShipsTo, country);
        }
    }

    private async ValueTask<IReadOnlyList<string>> ShipsToOfAsync(string productId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_products.TryGetValue(productId, out var cached) && now - cached.At < ShippingDirectory.Ttl)
        {
            return cached.ShipsTo;
        }

        var shipsTo = (await catalog.GetProductAsync(productId, ct))?.ShipsTo ?? [];
        _products[productId] = (now, shipsTo);
        return shipsTo;
    }
}
