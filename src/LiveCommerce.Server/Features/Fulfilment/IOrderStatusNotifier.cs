using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>Tells a buyer, live, that one of their orders changed (implemented in Realtime: every connection of the account).</summary>
public interface IOrderStatusNotifier
{
    Task OrderStatusChangedAsync(string buyerId, OrderStatusChanged change, CancellationToken ct = default);
}
