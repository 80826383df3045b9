using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>Who acts on a brand's fulfilment: its members (staff pack and ship; managers cancel and decide returns) and admins.</summary>
public static class FulfilmentAccess
{
    /// <summary>Checked before anything is read: viewers and hosts have no fulfilment.</summary>
    public static void RequireBrandRole(Actor actor)
    {
        if (actor.Role is not (Roles.Brand or Roles.Admin))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only a brand's team (or an admin) fulfils orders.");
        }
    }

    /// <summary>The brand whose queue to read: a member's own; an admin names it.</summary>
    public static string BrandOf(Actor actor, string? brandId)
    {
        RequireBrandRole(actor);
        if (actor.IsAdmin)
        {
            return brandId ?? throw AppException.ForField(ErrorCodes.ValidationFailed, "brandId", "Name the brand (brandId).");
        }

        if (actor.BrandId is not { } own)
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only a brand's members see its fulfilment.");
        }

        if (brandId is not null && brandId != own)
        {
            throw AppException.Forbidden(ErrorCodes.NotMember, "You are not a member of that brand.");
        }

        return own;
    }

    /// <summary>The actor acts for <paramref name="brandId"/> with at least <paramref name="least"/>.</summary>
    public static void RequireActsFor(Actor actor, string brandId, string least)
    {
        if (actor.IsAdmin)
        {
            return;
        }

        if (actor.BrandId != brandId)
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "This belongs to another brand.");
        }

        if (!actor.ActsFor(brandId, least))
        {
            throw AppException.Forbidden(ErrorCodes.RoleTooLow, $"This needs a brand {least} or owner.");
        }
    }
}
