using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Comments;

internal static class BrandAccess
{
    /// <summary>A brand's manager or owner (or an admin).</summary>
    public static void Require(Actor actor, string brandId)
    {
        if (!actor.IsAdmin && !actor.ActsFor(brandId, BrandRoles.Manager))
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the brand itself can change its blocked words.");
        }
    }
}
