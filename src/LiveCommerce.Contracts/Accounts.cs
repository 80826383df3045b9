namespace LiveCommerce.Contracts;

/// <summary>
/// <c>POST /api/auth/register</c>. The answer is the same whether or not the email already has an
/// account (a mail tells its owner instead), so the form cannot be used to find out who is a member.
/// </summary>
public sealed record RegisterRequest(string Email, string Password, string DisplayName, string? Country = null);

/// <summary>The answer to register and forgot-password: a mail is on its way if the address can receive one.</summary>
public sealed record MailSentResponse(string Status)
{
    public const string CheckYourEmail = "check_your_email";
}

/// <summary><c>POST /api/auth/confirm-email</c>: the two values from the link in the confirmation mail.</summary>
public sealed record ConfirmEmailRequest(string UserId, string Token);

/// <summary>
/// <c>POST /api/auth/login</c>. When the account has two-factor sign-in on, the first attempt without
/// a code answers 401 <c>two_factor_required</c>; the client asks for the code and sends both again.
/// </summary>
public sealed record LoginRequest(string Email, string Password, string? TwoFactorCode = null);

/// <summary>
/// <c>POST /api/auth/refresh</c> and <c>/api/auth/logout</c>. Browsers leave it null: the refresh
/// token travels in an HttpOnly cookie scoped to <c>/api/auth</c>. Other clients send the value.
/// </summary>
public sealed record RefreshRequest(string? RefreshToken = null);

/// <summary><c>POST /api/auth/logout</c>: this session only, or every session of the account.</summary>
public sealed record LogoutRequest(string? RefreshToken = null, bool Everywhere = false);

public sealed record ForgotPasswordRequest(string Email);

/// <summary><c>POST /api/auth/reset-password</c>: the values from the reset mail's link and the new password.</summary>
public sealed record ResetPasswordRequest(string UserId, string Token, string NewPassword);

/// <summary><c>POST /api/me/password</c>. Every other session is signed out.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

/// <summary>How a buyer is named in the "just bought" moments others see.</summary>
public static class PurchaseNames
{
    /// <summary>"Sam from SG" (the default).</summary>
    public const string FirstNameAndCountry = "first_name_and_country";

    /// <summary>"Someone from SG".</summary>
    public const string CountryOnly = "country_only";

    /// <summary>No moment is shown for this buyer's purchases.</summary>
    public const string Hidden = "hidden";

    public static readonly IReadOnlyList<string> All = [FirstNameAndCountry, CountryOnly, Hidden];
}

/// <summary><c>GET /api/me</c>: the signed-in account.</summary>
public sealed record MeDto(
    string UserId,
    string Email,
    string DisplayName,
    string? Country,
    string Role,
    bool EmailConfirmed,
    bool TwoFactorEnabled,
    string PurchaseName,
    HostProfileDto? Host,
    IReadOnlyList<BrandMembershipDto> Brands);

/// <summary><c>PATCH /api/me</c>: only the fields given change.</summary>
public sealed record UpdateMeRequest(string? DisplayName = null, string? Country = null, string? PurchaseName = null);

/// <summary><c>DELETE /api/me</c>: the password again, so a borrowed unlocked device cannot do it.</summary>
public sealed record DeleteAccountRequest(string Password);

/// <summary><c>POST /api/me/two-factor</c>: the key to put in an authenticator app (or the <c>otpauth://</c> URI as a QR code).</summary>
public sealed record TwoFactorSetupDto(string SharedKey, string AuthenticatorUri);

/// <summary>A six-digit code from the authenticator app (enable, disable).</summary>
public sealed record TwoFactorCodeRequest(string Code);

/// <summary>A host's public profile; having one makes an account a host.</summary>
public sealed record HostProfileDto(
    string UserId,
    string Handle,
    string DisplayName,
    string? AvatarUrl,
    string? Bio,
    string? Country,
    IReadOnlyList<string> Languages);

/// <summary><c>PUT /api/me/host-profile</c>.</summary>
public sealed record HostProfileRequest(
    string Handle,
    string DisplayName,
    string? Bio = null,
    string? Country = null,
    IReadOnlyList<string>? Languages = null,
    string? AvatarUrl = null);

/// <summary>What a member may do for a brand: owner (everything, incl. the team), manager (catalog, sales, partnerships, refunds), staff (catalog and reports).</summary>
public static class BrandRoles
{
    public const string Owner = "owner";
    public const string Manager = "manager";
    public const string Staff = "staff";

    public static readonly IReadOnlyList<string> All = [Owner, Manager, Staff];

    /// <summary>Higher ranks can do everything lower ranks can.</summary>
    public static int Rank(string? role) => role switch { Owner => 3, Manager => 2, Staff => 1, _ => 0 };
}

public sealed record BrandMembershipDto(string BrandId, string BrandName, string Role);

/// <summary><c>POST /api/brands</c>: a new brand, owned by the caller.</summary>
public sealed record CreateBrandRequest(string Name, string? Country = null);

public sealed record BrandDto(string Id, string Name, string? Country);

/// <summary><c>GET /api/brands/{id}/members</c>: members and the invitations not yet accepted.</summary>
public sealed record BrandTeamDto(string BrandId, IReadOnlyList<BrandMemberDto> Members, IReadOnlyList<BrandInvitationDto> Invitations);

public sealed record BrandMemberDto(string UserId, string DisplayName, string Email, string Role);

public sealed record BrandInvitationDto(string Id, string Email, string Role, DateTimeOffset ExpiresAt);

/// <summary><c>POST /api/brands/{id}/members</c>: invite someone by email.</summary>
public sealed record InviteMemberRequest(string Email, string Role);

/// <summary><c>POST /api/invitations/accept</c>: the token from the invitation mail's link.</summary>
public sealed record AcceptInvitationRequest(string Token);
