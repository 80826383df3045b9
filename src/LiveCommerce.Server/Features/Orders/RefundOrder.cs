using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Audit;
using LiveCommerce.Server.Features.FlashSales;
using Mediator;

namespace LiveCommerce.Server.Features.Orders;

/// <summary>
/// The brand (a manager or owner of it, or an admin) refunds an order, in full or <paramref name="Amount"/> of it
/// (above the order's total: <c>refund_exceeds_paid</c>, nothing happens), exactly once however often
/// and from however many nodes it is asked: an atomic claim on the order's sale lets one request through
/// to the payment provider; a request while it runs is refused with <c>refund_in_progress</c>, one after
/// it with <c>already_refunded</c>. A reversal is appended to the order log, which the earnings projector
/// subtracts once (the host's commission goes back: in full, also for a partial refund, since the earnings store
/// reverses per order). Stock is not returned to the sale. The provider is asked with the idempotency key
/// <c>refund:{orderId}</c>: a claim retaken after a node died mid-refund repeats the same request, which the
/// provider answers with the first refund instead of paying twice.
/// </summary>
public sealed record RefundOrder(Actor Actor, string OrderId, decimal? Amount = null) : ICommand<OrderDto>, IValidated
{
    public void Validate(Validator v) => v.Require(RefundOrderHandler.SaleOf(OrderId) is not null, "orderId is not a valid order id.", "orderId");
}

public sealed class RefundOrderHandler(IFlashSaleInventory inventory, IPaymentProvider payments, IOrderLog log, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RefundOrder, OrderDto>
{
    /// <summary>How long a claim holds off other refunds of the order; a node that dies mid-refund frees it after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public async ValueTask<OrderDto> Handle(RefundOrder command, CancellationToken ct)
    {
        if (command.Actor.Role is not (Roles.Brand or Roles.Admin))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only the brand or an admin refunds orders.");
        }

        var saleId = SaleOf(command.OrderId)!;
        var order = await inventory.GetOrderAsync(saleId, command.OrderId, ct)
            ?? throw AppException.NotFound(ErrorCodes.OrderNotFound, "No such order.");
        if (!command.Actor.IsAdmin && !command.Actor.ActsFor(order.BrandId, BrandRoles.Manager))
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the order's brand (a manager or owner) refunds it.");
        }

        if (command.Amount is { } amount)
        {
            if (amount <= 0 || decimal.Round(amount, 2) != amount)
            {
                throw AppException.ForField(ErrorCodes.InvalidAmount, "amount", "The amount is more than zero, in cents at most.");
            }

            // What was charged: the items, plus shipping (and duties the brand collects) when the order ships somewhere.
            var paid = order.Landed?.Brand.PayNow ?? order.Total;
            if (amount > paid)
            {
                throw AppException.ForField(ErrorCodes.RefundExceedsPaid, "amount", $"At most {paid} {order.Currency} was paid.");
            }
        }

        var token = Guid.NewGuid().ToString("N");
        var claim = await inventory.BeginRefundAsync(saleId, order.Id, token, Lease, ct);
        switch (claim.Outcome)
        {
            case RefundStart.AlreadyRefunded:
                throw AppException.Conflict(ErrorCodes.AlreadyRefunded, "This order was refunded already.");
            case RefundStart.InProgress:
                throw AppException.Conflict(ErrorCodes.RefundInProgress, "This order is being refunded right now.");
            case RefundStart.NotFound:
                throw AppException.NotFound(ErrorCodes.OrderNotFound, "No such order.");
        }

        // Claimed: from here on the refund completes even if the caller goes away.
        try
        {
            await payments.RefundAsync(new RefundRequest(order.PaymentReference, command.Amount, order.Currency, "refund:" + order.Id), CancellationToken.None);
        }
        catch
        {
            // The money did not move: give the claim back so the brand can try again at once.
            await inventory.EndRefundAsync(saleId, order.Id, token, refunded: false, CancellationToken.None);
            throw;
        }

        await log.AppendReversalAsync(order, clock.GetUtcNow(), CancellationToken.None);
        await audit.RecordAsync(command.Actor, AuditActions.OrderRefunded, order.Id,
            $"{command.Amount ?? order.Total} of {order.Total} {order.Currency}, brand {order.BrandId}, buyer {order.BuyerId}", CancellationToken.None);
        await inventory.EndRefundAsync(saleId, order.Id, token, refunded: true, CancellationToken.None);
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
