namespace LiveCommerce.Contracts;

public static class Roles
{
    public const string Viewer = "viewer";
    public const string Host = "host";
    public const string Brand = "brand";
    public const string Admin = "admin";
}

/// <summary>
/// A signed-in session: a short-lived access token (<see cref="Token"/>, a bearer JWT) and, for
/// accounts, a refresh token that <c>POST /api/auth/refresh</c> trades for the next pair. Browsers
/// get the refresh token as an HttpOnly cookie as well, and should not keep the value.
/// </summary>
public sealed record TokenResponse(string Token, string UserId, string DisplayName, string Role)
{
    /// <summary>When <see cref="Token"/> stops being accepted; null from servers that do not say.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Single use: each refresh answers with a new one. Null for guests.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>The brand the account acts for, when it is a brand member.</summary>
    public string? BrandId { get; init; }
}

public sealed record DevLoginRequest(string User);

public sealed record DemoAccountDto(string Handle, string DisplayName, string Role);
