using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>An owner removes a member (any member may leave); a brand always keeps one owner.</summary>
public sealed record RemoveMember(Actor Actor, string BrandId, string UserId) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("brandId", BrandId).Id("userId", UserId);
}

public sealed class RemoveMemberHandler(IServiceScopeFactory scopes) : ICommandHandler<RemoveMember>
{
    public async ValueTask<Unit> Handle(RemoveMember command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(command.Actor);
        var leaving = command.UserId == user.Id;
        await work.RequireMemberAsync(command.BrandId, user, leaving ? BrandRoles.Staff : BrandRoles.Owner, ct);
        var member = await work.Db.BrandMembers.SingleOrDefaultAsync(m => m.BrandId == command.BrandId && m.UserId == command.UserId, ct)
            ?? throw AppException.NotFound(ErrorCodes.NotMember, "That person is not a member of this brand.");
        if (member.Role == BrandRoles.Owner
            && !await work.Db.BrandMembers.AnyAsync(m => m.BrandId == command.BrandId && m.UserId != command.UserId && m.Role == BrandRoles.Owner, ct))
        {
            throw AppException.Conflict(ErrorCodes.LastOwner, "A brand needs an owner: make another member an owner first.");
        }

        work.Db.BrandMembers.Remove(member);
        await work.Db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
