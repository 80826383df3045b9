using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>The signed-in account as its owner sees it.</summary>
public sealed record GetMe(Actor Actor) : IQuery<MeDto>;

public sealed class GetMeHandler(IServiceScopeFactory scopes, Sessions sessions) : IQueryHandler<GetMe, MeDto>
{
    public async ValueTask<MeDto> Handle(GetMe query, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        return await DescribeAsync(work, sessions, await work.RequireUserAsync(query.Actor), ct);
    }

    public static async Task<MeDto> DescribeAsync(AccountsWork work, Sessions sessions, AppUser user, CancellationToken ct)
    {
        var host = await work.Db.HostProfiles.AsNoTracking().SingleOrDefaultAsync(h => h.UserId == user.Id, ct);
        var brands = await (from m in work.Db.BrandMembers.AsNoTracking()
                            join b in work.Db.Brands.AsNoTracking() on m.BrandId equals b.Id
                            where m.UserId == user.Id
                            orderby b.Name
                            select new BrandMembershipDto(b.Id, b.Name, m.Role)).ToListAsync(ct);
        var identity = await sessions.IdentityOfAsync(work, user, ct);
        return new MeDto(user.Id, user.Email ?? "", user.DisplayName, user.Country, identity.Role, user.EmailConfirmed, user.TwoFactorEnabled,
            user.PurchaseName, host?.ToDto(), brands);
    }
}
