using System.Security.Claims;
using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Common;

/// <summary>Who is asking: taken from the validated token, never from the payload.</summary>
public sealed record Actor(string UserId, string DisplayName, string Role)
{
    /// <summary>The id prefix of guest tokens (<c>POST /api/auth/guest</c>): a viewer without an account, new on every visit.</summary>
    public const string GuestPrefix = "guest-";

    public bool IsAdmin => Role == Roles.Admin;

    public bool IsGuest => UserId.StartsWith(GuestPrefix, StringComparison.Ordinal);

    public static Actor From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(AuthClaims.Subject);
        if (string.IsNullOrEmpty(id))
        {
            throw new AppException(ErrorCodes.Unauthenticated, "A valid token is required.", StatusCodes.Status401Unauthorized);
        }

        return new Actor(
            id,
            principal.FindFirstValue(AuthClaims.Name) ?? id,
            principal.FindFirstValue(AuthClaims.Role) ?? Roles.Viewer);
    }
}

public static class AuthClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
}
