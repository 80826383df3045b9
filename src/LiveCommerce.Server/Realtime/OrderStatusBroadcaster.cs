using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Fulfilment;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Server.Realtime;

/// <summary>Order status changes go to every connection of the buyer's account, on any node (Clients.User through the backplane).</summary>
public sealed partial class OrderStatusBroadcaster(IHubContext<LiveHub, ILiveClient> hub, ILogger<OrderStatusBroadcaster> logger) : IOrderStatusNotifier
{
    public async Task OrderStatusChangedAsync(string buyerId, OrderStatusChanged change, CancellationToken ct = default)
    {
        try
        {
            await hub.Clients.User(buyerId).OrderStatusChanged(change);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is stored: the buyer sees it on the next load.
            LogFailed(logger, change.OrderId, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status push of order {OrderId} failed")]
    private static partial void LogFailed(ILogger logger, string orderId, Exception exception);
}
