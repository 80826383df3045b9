using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// This node's memory of sold-out sales, so a crowd tapping Buy on one costs no Redis round trip.
/// Entries live briefly (units may come back); a release seen on this node clears them at once.
/// It also remembers this node's recent holds by (buyer, key), so a retry still gets its hold back
/// while the sale is sold out. (A retry through another node within the TTL gets SoldOut; after it,
/// Redis answers with the hold.)
/// </summary>
public sealed class SoldOutCache(TimeProvider clock, IOptions<FlashSaleOptions> options)
{
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _soldOutUntil = new();
    private readonly ConcurrentDictionary<(string Sale, string Buyer, string Key), ReserveResult> _held = new();

    public ReserveResult? Answer(string saleId, string buyerId, string key, int quantity)
    {
        if (!_soldOutUntil.TryGetValue(saleId, out var until) || clock.GetUtcNow() >= until)
        {
            return null;
        }

        return _held.TryGetValue((saleId, buyerId, key), out var held) && held.Quantity == quantity
            ? held
            : new ReserveResult(ReserveOutcome.SoldOut, null, null, quantity, 0);
    }

    public void Remember(string saleId, string buyerId, string key, ReserveResult result)
    {
        if (result.Outcome == ReserveOutcome.Held)
        {
            if (_held.Count >= MaxRemembered)
            {
                _held.Clear();
            }

            _held[(saleId, buyerId, key)] = result;
        }

        if (result.Remaining == 0)
        {
            _soldOutUntil[saleId] = clock.GetUtcNow() + options.Value.SoldOutCacheTtl;
        }
    }

    public void StockReturned(string saleId) => _soldOutUntil.TryRemove(saleId, out _);
}
