using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Attribution;

public enum ReportOf
{
    Influencer,
    Brand,
}

public static class ReportAccess
{
    /// <summary>The owner whose report is read: the caller themself for <paramref name="role"/>, the named one for an admin.</summary>
    public static string Owner(Actor actor, string role, string? named, string field)
    {
        if (actor.IsAdmin)
        {
            return named ?? throw new AppException(ErrorCodes.ValidationFailed, $"An admin names the {field}.");
        }

        if (actor.Role != role)
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "This report is not for your role.");
        }

        // A brand's report is the brand's, read by any of its members; a host's is the host's own.
        var own = role == Roles.Brand ? actor.BrandId! : actor.UserId;
        return named is null || named == own
            ? own
            : throw AppException.Forbidden(ErrorCodes.Forbidden, "You can see only your own report.");
    }
}
