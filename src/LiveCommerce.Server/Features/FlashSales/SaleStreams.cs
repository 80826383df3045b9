using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// The streams that offer a sale, as this node last read them: a purchase that names the stream it
/// is made in must name one of the sale's. A sale's streams change only before its start, so once it
/// has started they are kept and a rush costs no extra read; before, they are read again after a
/// second. Concurrent callers share one read.
/// </summary>
public sealed class SaleStreams(IFlashSaleInventory inventory, TimeProvider clock)
{
    /// <summary>Past the start by this much, by any node's clock, the sale has started by the store's clock too.</summary>
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    private const int MaxSales = 10_000;

    private readonly ConcurrentDictionary<string, (IReadOnlyList<string> Streams, DateTimeOffset Until)> _known = new();
    private readonly ConcurrentDictionary<string, Task<FlashSale?>> _reading = new();

    /// <summary>Refuses with <see cref="ErrorCodes.SaleNotFound"/> unless the sale exists and lists the stream.</summary>
    public async ValueTask RequireOfferedInAsync(string saleId, string streamId, CancellationToken ct)
    {
        if (!await OffersAsync(saleId, streamId, ct))
        {
            throw AppException.NotFound(ErrorCodes.SaleNotFound, "This sale is not offered in that stream.");
        }
    }

    private async ValueTask<bool> OffersAsync(string saleId, string streamId, CancellationToken ct)
    {
        if (_known.TryGetValue(saleId, out var known) && clock.GetUtcNow() < known.Until)
        {
            return known.Streams.Contains(streamId);
        }

        var read = _reading.GetOrAdd(saleId, ReadAsync);
        try
        {
            return (await read.WaitAsync(ct))?.StreamIds.Contains(streamId) == true;
        }
        finally
        {
            _reading.TryRemove(KeyValuePair.Create(saleId, read));
        }
    }

    private async Task<FlashSale?> ReadAsync(string saleId)
    {
        var sale = await inventory.GetAsync(saleId, CancellationToken.None);
        if (sale is not null)
        {
            var now = clock.GetUtcNow();
            var until = sale.StatusAt(now - Settled) == SaleStatus.Scheduled ? now + Recheck : DateTimeOffset.MaxValue;
            if (_known.Count >= MaxSales)
            {
                _known.Clear();
            }

            _known[saleId] = (sale.StreamIds, until);
        }

        return sale;
    }
}
