using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// A brand manager approves a return: the order becomes return approved, the item goes back to the
/// product's stock (once: the approval that wins records it), the buyer is refunded through the existing
/// refund (once, however often asked), and the order becomes refunded. Asked again while approved (say
/// the payment provider failed), it carries on from the refund.
/// </summary>
public sealed record ApproveReturn(Actor Actor, string ReturnId) : ICommand<ReturnDto>, IValidated
{
    public void Validate(Validator v) => v.Id("returnId", ReturnId);
}

public sealed partial class ApproveReturnHandler(
    IServiceScopeFactory scopes, IAccountDirectory accounts, IOrderStatusNotifier notifier, ISender sender, Restock restock, TimeProvider clock,
    ILogger<ApproveReturnHandler> logger) : ICommandHandler<ApproveReturn, ReturnDto>
{
    public async ValueTask<ReturnDto> Handle(ApproveReturn command, CancellationToken ct)
    {
        FulfilmentAccess.RequireBrandRole(command.Actor);
        var actor = command.Actor;
        string orderId;
        IReadOnlyList<OrderItemDto>? restockItems = null;
        await using (var work = scopes.OpenBooks())
        {
            var ret = await work.Db.Returns.FirstOrDefaultAsync(r => r.Id == command.ReturnId, ct)
                ?? throw AppException.NotFound(ErrorCodes.ReturnNotFound, "No such return.");
            FulfilmentAccess.RequireActsFor(actor, ret.BrandId, BrandRoles.Manager);
            orderId = ret.OrderId;
            if (ret.Status == ReturnStatuses.Requested)
            {
                var order = await work.Db.Orders.FirstAsync(o => o.Id == ret.OrderId, ct);
                var now = clock.GetUtcNow();
                OrderLife.Move(work, order, OrderStatuses.ReturnApproved, actor.UserId, actor.DisplayName, now);
                ret.Status = ReturnStatuses.Approved;
                ret.DecidedAt = now;
                ret.DecidedBy = actor.UserId;
                ret.RestockedAt = now;
                ret.Version++;
                await work.SaveAsync(notifier, ct);
                restockItems = OrderLife.Deserialize(order.OrderJson).Items;
            }
            else if (ret.Status != ReturnStatuses.Approved)
            {
                throw AppException.Conflict(ErrorCodes.InvalidOrderTransition, $"This return was {ret.Status} already.");
            }
        }

        if (restockItems is not null)
        {
            try
            {
                await restock.ReturnAsync(restockItems, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Recorded as restocked once; a failure here is for the brand to correct in its catalog.
                LogRestockFailed(logger, orderId, e);
            }
        }

        await Refunds.RefundOnceAsync(sender, actor, orderId, ct);

        // The projector may see the refund in the log at this very moment and make the order refunded itself:
        // then our save loses on the version, and the next read finds nothing left to do.
        for (var attempt = 0; ; attempt++)
        {
            await using var work = scopes.OpenBooks();
            var ret = await work.Db.Returns.FirstAsync(r => r.Id == command.ReturnId, ct);
            var order = await work.Db.Orders.FirstAsync(o => o.Id == orderId, ct);
            if (ret.Status == ReturnStatuses.Approved)
            {
                ret.Status = ReturnStatuses.Refunded;
                ret.Version++;
            }

            if (order.Status == OrderStatuses.ReturnApproved)
            {
                OrderLife.Move(work, order, OrderStatuses.Refunded, actor.UserId, actor.DisplayName, clock.GetUtcNow(), "return refunded");
            }

            try
            {
                await work.SaveAsync(notifier, ct);
            }
            catch (AppException e) when (e.Code == ErrorCodes.OrderChanged && attempt < 5)
            {
                continue;
            }

            return Returns.View(ret, order, (await accounts.FindAsync(order.BuyerId, ct))?.DisplayName ?? order.BuyerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The returned items of order {OrderId} did not go back to stock")]
    private static partial void LogRestockFailed(ILogger logger, string orderId, Exception exception);
}
