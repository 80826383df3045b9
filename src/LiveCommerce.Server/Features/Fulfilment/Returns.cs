using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

public static class Returns
{
    public static async Task<List<ReturnDto>> ViewAsync(OrderBooksDbContext db, IReadOnlyList<OrderReturn> returns, IAccountDirectory accounts, CancellationToken ct)
    {
        var ids = returns.Select(r => r.OrderId).ToList();
        var orders = await db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var names = await Shipments.NamesAsync(accounts, returns.Select(r => r.BuyerId), ct);
        return returns.Select(r => View(r, orders[r.OrderId], names[r.BuyerId])).ToList();
    }

    public static ReturnDto View(OrderReturn r, BookedOrder order, string buyerName) =>
        new(r.Id, r.OrderId, r.BuyerId, buyerName, r.Reason, r.Status, r.RequestedAt, r.WindowEndsAt,
            OrderLife.Deserialize(order.OrderJson).Items, order.Total, order.Currency);
}
