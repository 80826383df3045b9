using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Audit;
using LiveCommerce.Server.Features.FlashSales;
using Mediator;

namespace LiveCommerce.Server.Features.Orders;

/// <summary>
/// The brand (or an admin) refunds an order: the payment is refunded and a reversal is appended to the
/// order log, which the earnings projector subtracts once. Stock is not returned to the sale (it has ended).
/// </summary>
public sealed record RefundOrder(Actor Actor, string OrderId) : ICommand<OrderDto>, IValidated
{
    public void Validate(Validator v) => v.Require(RefundOrderHandler.SaleOf(OrderId) is not null, "orderId is not a valid order id.");
}

public sealed class RefundOrderHandler(IFlashSaleInventory inventory, IPaymentProvider payments, IOrderLog log, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RefundOrder, OrderDto>
{
    public async ValueTask<OrderDto> Handle(RefundOrder command, CancellationToken ct)
    {
        if (command.Actor.Role is not (Roles.Brand or Roles.Admin))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only the brand or an admin refunds orders.");
        }

        var order = await inventory.GetOrderAsync(SaleOf(command.OrderId)!, command.OrderId, ct)
            ?? throw AppException.NotFound(ErrorCodes.OrderNotFound, "No such order.");
        if (!command.Actor.IsAdmin && !command.Actor.ActsFor(order.BrandId, BrandRoles.Manager))
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the order's brand refunds it.");
        }

        await payments.RefundAsync(order.PaymentReference, ct);
        await log.AppendReversalAsync(order, clock.GetUtcNow(), ct);
        await audit.RecordAsync(command.Actor, AuditActions.OrderRefunded, order.Id, $"{order.Total} {order.Currency}, brand {order.BrandId}, buyer {order.BuyerId}", ct);
        return order;
    }

    /// <summary>Order ids are "saleId.oN" (see HoldIds.OrderIdFor).</summary>
    public static string? SaleOf(string? orderId)
    {
        var dot = orderId?.LastIndexOf(".o", StringComparison.Ordinal) ?? -1;
        return dot > 0 && orderId!.Length <= 100 && TextRules.IsId(orderId[..dot])
            && long.TryParse(orderId.AsSpan(dot + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? orderId[..dot]
            : null;
    }
}
