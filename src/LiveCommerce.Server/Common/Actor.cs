using System.Security.Claims;
using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Common;

/// <summary>Who is asking: taken from the validated token, never from the payload.</summary>
public sealed record Actor(string UserId, string DisplayName, string Role)
{
    /// <summary>
    /// The brand a brand-role token acts for: the member's brand (a claim), or for a brand account
    /// without one (the demo cast) its own id. Null for every other role.
    /// </summary>
    public string? BrandId { get; init; }

    /// <summary>The member's role in <see cref="BrandId"/> (<see cref="BrandRoles"/>); owner for a brand account without a claim.</summary>
    public string? BrandRole { get; init; }

    /// <summary>The id prefix of guest tokens (<c>POST /api/auth/guest</c>): a viewer without an account, new on every visit.</summary>
    public const string GuestPrefix = "guest-";

    /// <summary>The platform itself, for what happens on its own (a stream whose encoder never came back ends).</summary>
    public static readonly Actor Platform = new("platform", "LiveCommerce", Roles.Admin);

    public bool IsAdmin => Role == Roles.Admin;

    public bool IsGuest => UserId.StartsWith(GuestPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Guests watch and react; commenting, buying, waitlists and share-link credit need an account, so
    /// per-buyer limits, bans and self-referral checks hold per person and not per free token.
    /// </summary>
    public void RequireAccount(string toDoWhat)
    {
        if (IsGuest)
        {
            throw AppException.Forbidden(ErrorCodes.SignInRequired, $"Sign in or create an account to {toDoWhat}.");
        }
    }

    public static Actor From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(AuthClaims.Subject);
        if (string.IsNullOrEmpty(id))
        {
            throw new AppException(ErrorCodes.Unauthenticated, "A valid token is required.", StatusCodes.Status401Unauthorized);
        }

        var role = principal.FindFirstValue(AuthClaims.Role) ?? Roles.Viewer;
        var brand = role == Roles.Brand ? principal.FindFirstValue(AuthClaims.Brand) : null;
        return new Actor(id, principal.FindFirstValue(AuthClaims.Name) ?? id, role)
        {
            BrandId = role == Roles.Brand ? brand ?? id : null,
            BrandRole = role == Roles.Brand ? (brand is null ? BrandRoles.Owner : principal.FindFirstValue(AuthClaims.BrandRole) ?? BrandRoles.Staff) : null,
        };
    }

    /// <summary>Acts for <paramref name="brandId"/> with at least <paramref name="least"/> (<see cref="BrandRoles"/>).</summary>
    public bool ActsFor(string brandId, string least = BrandRoles.Staff) =>
        BrandId == brandId && BrandRoles.Rank(BrandRole) >= BrandRoles.Rank(least);
}

public static class AuthClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Brand = "brand";
    public const string BrandRole = "brand_role";
}
