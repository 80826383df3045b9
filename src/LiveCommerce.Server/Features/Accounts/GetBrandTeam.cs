using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>A brand's members and open invitations, for any member to see.</summary>
public sealed record GetBrandTeam(Actor Actor, string BrandId) : IQuery<BrandTeamDto>, IValidated
{
    public void Validate(Validator v) => v.Id("brandId", BrandId);
}

public sealed class GetBrandTeamHandler(IServiceScopeFactory scopes, TimeProvider clock) : IQueryHandler<GetBrandTeam, BrandTeamDto>
{
    public async ValueTask<BrandTeamDto> Handle(GetBrandTeam query, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(query.Actor);
        await work.RequireMemberAsync(query.BrandId, user, BrandRoles.Staff, ct);
        var members = await (from m in work.Db.BrandMembers.AsNoTracking()
                             join u in work.Db.Users.AsNoTracking() on m.UserId equals u.Id
                             where m.BrandId == query.BrandId
                             orderby u.DisplayName
                             select new BrandMemberDto(u.Id, u.DisplayName, u.Email ?? "", m.Role)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var invitations = (await work.Db.BrandInvitations.AsNoTracking()
                .Where(i => i.BrandId == query.BrandId && i.AcceptedAt == null).ToListAsync(ct))
            .Where(i => i.ExpiresAt > now).OrderBy(i => i.Email, StringComparer.Ordinal)
            .Select(i => new BrandInvitationDto(i.Id.ToString("N"), i.Email, i.Role, i.ExpiresAt)).ToList();
        return new BrandTeamDto(query.BrandId, members, invitations);
    }
}
