using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>An owner invites someone by email; the mail's link works for the account with that address only.</summary>
public sealed record InviteMember(Actor Actor, string BrandId, InviteMemberRequest Request, string RequestBase) : ICommand<BrandInvitationDto>, IValidated
{
    public void Validate(Validator v) =>
        v.Id("brandId", BrandId).Email(Request?.Email)
         .Require(Request?.Role is { } role && BrandRoles.All.Contains(role), $"role must be one of: {string.Join(", ", BrandRoles.All)}.");
}

public sealed class InviteMemberHandler(IServiceScopeFactory scopes, AccountMail mail, IOptions<AccountsOptions> options, TimeProvider clock)
    : ICommandHandler<InviteMember, BrandInvitationDto>
{
    /// <summary>Open invitations per brand: enough for any team, too few to use the brand as a mail cannon.</summary>
    private const int MaxOpen = 50;

    public async ValueTask<BrandInvitationDto> Handle(InviteMember command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(command.Actor);
        await work.RequireMemberAsync(command.BrandId, user, BrandRoles.Owner, ct);
        var now = clock.GetUtcNow();
        var open = await work.Db.BrandInvitations.Where(i => i.BrandId == command.BrandId && i.AcceptedAt == null).ToListAsync(ct);
        if (open.Count(i => i.ExpiresAt > now) >= MaxOpen)
        {
            throw AppException.Conflict(ErrorCodes.LimitReached, $"A brand can have at most {MaxOpen} open invitations.");
        }

        var email = command.Request.Email.Trim();
        var normalized = work.Users.NormalizeEmail(email);
        // A new invitation to the same address replaces the old one (and its link).
        work.Db.BrandInvitations.RemoveRange(open.Where(i => i.NormalizedEmail == normalized));
        var token = Sessions.NewValue();
        var invitation = new BrandInvitation
        {
            Id = Guid.NewGuid(), BrandId = command.BrandId, Email = email, NormalizedEmail = normalized, Role = command.Request.Role,
            TokenHash = Sessions.Hash(token)!, InvitedBy = user.Id, ExpiresAt = now + options.Value.LinkLifetime,
        };
        work.Db.BrandInvitations.Add(invitation);
        await work.Db.SaveChangesAsync(ct);

        var brand = await work.Db.Brands.AsNoTracking().SingleAsync(b => b.Id == command.BrandId, ct);
        mail.Invitation(email, brand.Name, invitation.Role, user.DisplayName, token, command.RequestBase);
        return new BrandInvitationDto(invitation.Id.ToString("N"), email, invitation.Role, invitation.ExpiresAt);
    }
}
