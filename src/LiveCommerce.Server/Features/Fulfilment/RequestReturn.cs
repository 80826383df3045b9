using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// The buyer asks to return a delivered order, with a reason, until its return window closes
/// (<c>return_window_closed</c> after). Only the buyer: for anyone else the order does not exist.
/// One return per order; asking again is <c>invalid_order_transition</c>.
/// </summary>
public sealed record RequestReturn(Actor Actor, string OrderId, ReturnRequest Request) : ICommand<ReturnDto>, IValidated
{
    public void Validate(Validator v) =>
        v.Require(OrderIds.IsValid(OrderId), "orderId is not a valid order id.", "orderId")
         .Text("reason", Request.Reason, ReturnRequest.MaxLength)
         .Require(Request.Reason is null || Request.Reason.Trim().Length >= ReturnRequest.MinLength, $"reason needs at least {ReturnRequest.MinLength} characters.", "reason");
}

public sealed class RequestReturnHandler(IServiceScopeFactory scopes, IAccountDirectory accounts, IOrderStatusNotifier notifier, TimeProvider clock)
    : ICommandHandler<RequestReturn, ReturnDto>
{
    public async ValueTask<ReturnDto> Handle(RequestReturn command, CancellationToken ct)
    {
        command.Actor.RequireAccount("return an order");
        await using var work = scopes.OpenBooks();
        var order = await work.Db.Orders.FirstOrDefaultAsync(o => o.Id == command.OrderId, ct);
        if (order is null || order.BuyerId != command.Actor.UserId)
        {
            throw AppException.NotFound(ErrorCodes.OrderNotFound, "No such order.");
        }

        var now = clock.GetUtcNow();
        if (order.Status == OrderStatuses.Delivered && order.ReturnBy is { } by && now > by)
        {
            throw AppException.Conflict(ErrorCodes.ReturnWindowClosed, $"Returns for this order closed on {by:yyyy-MM-dd}.");
        }

        var reason = command.Request.Reason!.Trim();
        OrderLife.Move(work, order, OrderStatuses.ReturnRequested, command.Actor.UserId, command.Actor.DisplayName, now, reason);
        var ret = new OrderReturn
        {
            Id = "rt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), OrderId = order.Id, BuyerId = order.BuyerId,
            BrandId = order.BrandId, Reason = reason, Status = ReturnStatuses.Requested, RequestedAt = now,
            WindowEndsAt = order.ReturnBy ?? now, WindowDays = order.DeliveredAt is { } d && order.ReturnBy is { } r ? (int)Math.Round((r - d).TotalDays) : 0,
        };
        work.Db.Returns.Add(ret);
        try
        {
            await work.SaveAsync(notifier, ct);
        }
        catch (DbUpdateException)
        {
            // The unique order id of returns: a second request raced this one and won.
            throw AppException.Conflict(ErrorCodes.InvalidOrderTransition, "A return of this order was requested already.");
        }

        return Returns.View(ret, order, (await accounts.FindAsync(order.BuyerId, ct))?.DisplayName ?? order.BuyerId);
    }
}
