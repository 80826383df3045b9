using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>Who may manage a brand's team: checked against the database, not the token, since roles change.</summary>
public static class BrandTeam
{
    /// <summary>The caller's membership of the brand, at least <paramref name="least"/>; refuses otherwise.</summary>
    public static async Task<BrandMember> RequireMemberAsync(this AccountsWork work, string brandId, AppUser user, string least, CancellationToken ct)
    {
        if (!await work.Db.Brands.AnyAsync(b => b.Id == brandId, ct))
        {
            throw AppException.NotFound(ErrorCodes.BrandNotFound, "No brand with that id.");
        }

        var member = await work.Db.BrandMembers.SingleOrDefaultAsync(m => m.BrandId == brandId && m.UserId == user.Id, ct)
            ?? throw AppException.Forbidden(ErrorCodes.NotMember, "You are not a member of this brand.");
        return BrandRoles.Rank(member.Role) >= BrandRoles.Rank(least)
            ? member
            : throw AppException.Forbidden(ErrorCodes.RoleTooLow, $"Only a brand {least} can do this.");
    }
}
