using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>The snapshot's live sales, with remaining stock.</summary>
public sealed class SalesSnapshotPart(IFlashSaleInventory inventory, TimeProvider clock) : ISnapshotPart
{
    public async Task<Func<StreamSnapshot, StreamSnapshot>> ReadAsync(StreamSnapshot snapshot, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var live = (await inventory.ListForStreamAsync(snapshot.Stream.Id, ct)).Where(s => s.StatusAt(now) == SaleStatus.Live).Select(s => s.ToDto(now)).ToList();
        return s => s with { Sales = live };
    }
}
