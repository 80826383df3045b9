using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>A brand manager refuses a requested return: the order becomes return refused; nothing is refunded.</summary>
public sealed record RefuseReturn(Actor Actor, string ReturnId) : ICommand<ReturnDto>, IValidated
{
    public void Validate(Validator v) => v.Id("returnId", ReturnId);
}

public sealed class RefuseReturnHandler(IServiceScopeFactory scopes, IAccountDirectory accounts, IOrderStatusNotifier notifier, TimeProvider clock)
    : ICommandHandler<RefuseReturn, ReturnDto>
{
    public async ValueTask<ReturnDto> Handle(RefuseReturn command, CancellationToken ct)
    {
        FulfilmentAccess.RequireBrandRole(command.Actor);
        await using var work = scopes.OpenBooks();
        var ret = await work.Db.Returns.FirstOrDefaultAsync(r => r.Id == command.ReturnId, ct)
            ?? throw AppException.NotFound(ErrorCodes.ReturnNotFound, "No such return.");
        FulfilmentAccess.RequireActsFor(command.Actor, ret.BrandId, BrandRoles.Manager);
        if (ret.Status != ReturnStatuses.Requested)
        {
            throw AppException.Conflict(ErrorCodes.InvalidOrderTransition, $"This return was {ret.Status} already.");
        }

        var order = await work.Db.Orders.FirstAsync(o => o.Id == ret.OrderId, ct);
        var now = clock.GetUtcNow();
        OrderLife.Move(work, order, OrderStatuses.ReturnRefused, command.Actor.UserId, command.Actor.DisplayName, now);
        ret.Status = ReturnStatuses.Refused;
        ret.DecidedAt = now;
        ret.DecidedBy = command.Actor.UserId;
        ret.Version++;
        await work.SaveAsync(notifier, ct);
        return Returns.View(ret, order, (await accounts.FindAsync(order.BuyerId, ct))?.DisplayName ?? order.BuyerId);
    }
}
