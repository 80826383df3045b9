using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

public static class Shipments
{
    /// <summary>
    /// Takes a cancelled or refunded order out of a shipment not sent yet; a shipment left without
    /// orders is cancelled. A shipment already sent keeps it (that is what travelled).
    /// </summary>
    public static async Task DetachAsync(BooksWork work, BookedOrder order, DateTimeOffset now, CancellationToken ct)
    {
        if (order.ShipmentId is not { } id || await work.Db.Shipments.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } shipment
            || shipment.Stage is not (ShipmentStages.Open or ShipmentStages.Packed))
        {
            return;
        }

        order.ShipmentId = null;
        var others = await work.Db.Orders.CountAsync(o => o.ShipmentId == id && o.Id != order.Id, ct);
        if (others == 0)
        {
            shipment.Stage = ShipmentStages.Cancelled;
            shipment.OpenKey = null;
        }

        shipment.UpdatedAt = now;
        shipment.Version++;
    }

    /// <summary>The shipments with their orders, as the brand's queue shows them.</summary>
    public static async Task<List<ShipmentDto>> ViewAsync(
        OrderBooksDbContext db, IReadOnlyList<Shipment> shipments, IAccountDirectory accounts, CancellationToken ct)
    {
        var ids = shipments.Select(s => s.Id).ToList();
        var orders = (await db.Orders.AsNoTracking().Where(o => o.ShipmentId != null && ids.Contains(o.ShipmentId)).ToListAsync(ct))
            .OrderBy(o => o.CreatedAt).ToLookup(o => o.ShipmentId!);
        var names = await NamesAsync(accounts, shipments.Select(s => s.BuyerId), ct);
        return shipments.Select(s => new ShipmentDto(
            s.Id, s.Stage, s.BuyerId, names[s.BuyerId], s.StreamId, s.ShipTo, s.Carrier, s.TrackingNumber, s.CreatedAt, s.UpdatedAt,
            orders[s.Id].Select(o =>
            {
                var logged = OrderLife.Deserialize(o.OrderJson);
                return new FulfilmentOrderDto(o.Id, o.Status, logged.Items, o.Total, o.Currency, o.CreatedAt, o.Version);
            }).ToList())).ToList();
    }

    public static async Task<Dictionary<string, string>> NamesAsync(IAccountDirectory accounts, IEnumerable<string> ids, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            names[id] = (await accounts.FindAsync(id, ct))?.DisplayName ?? id;
        }

        return names;
    }
}
