using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Orders;
using Mediator;

namespace LiveCommerce.Server.Features.Fulfilment;

public static class Refunds
{
    /// <summary>
    /// Refunds the order through the orders feature's refund (the provider once, the commission reversed
    /// once); an order refunded before counts as done, so a retried step completes instead of failing.
    /// </summary>
    public static async Task RefundOnceAsync(ISender sender, Actor actor, string orderId, CancellationToken ct)
    {
        try
        {
            await sender.Send(new RefundOrder(actor, orderId), ct);
        }
        catch (AppException e) when (e.Code == ErrorCodes.AlreadyRefunded)
        {
            // Done before (by this step's earlier attempt, or the brand's Refund).
        }
    }
}
