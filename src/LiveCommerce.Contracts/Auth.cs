namespace LiveCommerce.Contracts;

public static class Roles
{
    public const string Viewer = "viewer";
    public const string Host = "host";
    public const string Brand = "brand";
    public const string Admin = "admin";
}

public sealed record TokenResponse(string Token, string UserId, string DisplayName, string Role);

public sealed record DevLoginRequest(string User);

public sealed record DemoAccountDto(string Handle, string DisplayName, string Role);
