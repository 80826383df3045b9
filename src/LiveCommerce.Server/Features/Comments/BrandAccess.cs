using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Comments;

internal static class BrandAccess
{
    /// <summary>A brand account's id is its brand id.</summary>
    public static void Require(Actor actor, string brandId)
    {
        if (!actor.IsAdmin && !(actor.Role == Roles.Brand && actor.UserId == brandId))
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the brand itself can change its blocked words.");
        }
    }
}
