using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// The invited person, signed in with the invited address, joins the brand. The link works once; a
/// different account (a forwarded mail) is refused and the invitation stays open for its owner.
/// </summary>
public sealed record AcceptInvitation(Actor Actor, AcceptInvitationRequest Request) : ICommand<BrandMembershipDto>, IValidated
{
    public void Validate(Validator v) => v.Text("token", Request?.Token, 200);
}

public sealed class AcceptInvitationHandler(IServiceScopeFactory scopes, TimeProvider clock) : ICommandHandler<AcceptInvitation, BrandMembershipDto>
{
    public async ValueTask<BrandMembershipDto> Handle(AcceptInvitation command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(command.Actor);
        var hash = Sessions.Hash(command.Request.Token);
        var now = clock.GetUtcNow();
        var invitation = await work.Db.BrandInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || invitation.AcceptedAt is not null || invitation.ExpiresAt <= now)
        {
            throw AppException.NotFound(ErrorCodes.InvitationNotFound, "This invitation has expired or was already used.");
        }

        if (!user.EmailConfirmed || user.NormalizedEmail != invitation.NormalizedEmail)
        {
            throw AppException.Forbidden(ErrorCodes.InvitationWrongAccount, "This invitation was sent to another email address: sign in with that one.");
        }

        // Spent in one conditional UPDATE, so two tabs accepting at once add the member once.
        var spent = await work.Db.BrandInvitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct);
        if (spent == 0)
        {
            throw AppException.NotFound(ErrorCodes.InvitationNotFound, "This invitation has expired or was already used.");
        }

        var member = await work.Db.BrandMembers.SingleOrDefaultAsync(m => m.BrandId == invitation.BrandId && m.UserId == user.Id, ct);
        if (member is null)
        {
            work.Db.BrandMembers.Add(member = new BrandMember { BrandId = invitation.BrandId, UserId = user.Id, Role = invitation.Role, JoinedAt = now });
        }
        else
        {
            member.Role = invitation.Role;
        }

        await work.Db.SaveChangesAsync(ct);
        var brand = await work.Db.Brands.AsNoTracking().SingleAsync(b => b.Id == invitation.BrandId, ct);
        return new BrandMembershipDto(brand.Id, brand.Name, member.Role);
    }
}
