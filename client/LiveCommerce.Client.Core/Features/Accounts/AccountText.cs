using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace LiveCommerce.Client.Features.Accounts;

/// <summary>
/// What account pages say: every refusal code of the account endpoints as one sentence in the
/// reader's language (the one place that maps them), and the names of roles and choices.
/// </summary>
public static class AccountText
{
    /// <summary>What to tell a person when an account call failed for any reason.</summary>
    public static string Describe(Exception e, IStringLocalizer<Strings> l) => e switch
    {
        ApiException api => Refusal(api, l),
        HttpRequestException => l["Can't reach LiveCommerce right now. Check your connection and try again."],
        _ => l["Something went wrong. Please try again."],
    };

    /// <summary>The sentence for a refusal; codes without one here show the server's message.</summary>
    public static string Refusal(ApiException e, IStringLocalizer<Strings> l) => e.Code switch
    {
        // The server's detail lists what the password lacks (length, a digit…).
        ErrorCodes.WeakPassword => l["That password is too weak. {0}", e.Message],
        ErrorCodes.ValidationFailed => l["Please check what you entered. {0}", e.Message],
        ErrorCodes.InvalidCredentials => l["That email and password don't match. Check them and try again."],
        ErrorCodes.LockedOut => l["Too many failed attempts: this account is locked for a while. Try again later or reset your password."],
        ErrorCodes.EmailNotConfirmed => l["Confirm your email address first: open the link in the mail we sent you."],
        ErrorCodes.TwoFactorRequired => l["Enter the 6-digit code from your authenticator app."],
        ErrorCodes.InvalidTwoFactorCode => l["That code didn't work. Enter the current code from your authenticator app."],
        ErrorCodes.InvalidLink => l["This link has expired or was already used. Ask for a new one."],
        ErrorCodes.InvalidRefreshToken or ErrorCodes.RefreshTokenReused or ErrorCodes.Unauthenticated => l["Your session has ended. Please sign in again."],
        ErrorCodes.SignInRequired => l["Sign in to do that."],
        ErrorCodes.HandleTaken => l["That handle is taken. Try another one."],
        ErrorCodes.AccountSuspended => l["This account is suspended."],
        ErrorCodes.BrandNotFound => l["This brand doesn't exist."],
        ErrorCodes.NotMember => l["You're not a member of this brand."],
        ErrorCodes.RoleTooLow => l["Your role in this brand doesn't allow that. Ask an owner."],
        ErrorCodes.InvitationNotFound => l["This invitation doesn't exist or has expired. Ask for a new one."],
        ErrorCodes.InvitationWrongAccount => l["This invitation was sent to a different email address. Sign in with that account to accept it."],
        ErrorCodes.LastOwner => l["A brand needs at least one owner. Make someone else an owner first."],
        ErrorCodes.RateLimited => l["Too many attempts. Wait a moment and try again."],
        ErrorCodes.Unavailable => l["LiveCommerce is busy right now. Try again in a moment."],
        _ => e.Message,
    };

    public static string BrandRole(string role, IStringLocalizer<Strings> l) => role switch
    {
        BrandRoles.Owner => l["Owner"],
        BrandRoles.Manager => l["Manager"],
        BrandRoles.Staff => l["Staff"],
        _ => role,
    };

    /// <summary>What each brand role may do, for the invite form.</summary>
    public static string BrandRoleHint(string role, IStringLocalizer<Strings> l) => role switch
    {
        BrandRoles.Owner => l["Everything, including the team"],
        BrandRoles.Manager => l["Products, sales, partnerships and refunds"],
        BrandRoles.Staff => l["Products and reports"],
        _ => "",
    };

    public static string Role(string role, IStringLocalizer<Strings> l) => role switch
    {
        Roles.Host => l["Host"],
        Roles.Brand => l["Brand"],
        Roles.Admin => l["Admin"],
        _ => l["Viewer"],
    };

    /// <summary>How a purchase by the account reads to other viewers.</summary>
    public static string PurchaseName(string choice, IStringLocalizer<Strings> l) => choice switch
    {
        PurchaseNames.FirstNameAndCountry => l["My first name and country (\"Sam from SG just bought…\")"],
        PurchaseNames.CountryOnly => l["Only my country (\"Someone from SG just bought…\")"],
        PurchaseNames.Hidden => l["Don't show my purchases"],
        _ => choice,
    };
}

/// <summary>Links between account pages, and back to where the person was.</summary>
public static class AccountLinks
{
    /// <summary>Only same-site paths: "/watch/x" yes, "//evil.example" or "https://…" no. Answers the base-relative path ("" = home).</summary>
    public static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url[1..] : "";

    /// <summary>A page with <c>?returnUrl=</c> set to the current page (unless that is home or an account page).</summary>
    public static string WithReturnUrl(string page, NavigationManager navigation)
    {
        var here = navigation.ToBaseRelativePath(navigation.Uri);
        return here.Length == 0 || IsAccountEntry(here) ? page : page + "?returnUrl=" + Uri.EscapeDataString("/" + here);
    }

    /// <summary>Sign in, then come back here.</summary>
    public static string SignIn(NavigationManager navigation) => WithReturnUrl("login", navigation);

    private static bool IsAccountEntry(string path) =>
        path.StartsWith("login", StringComparison.Ordinal) || path.StartsWith("signup", StringComparison.Ordinal)
        || path.StartsWith("forgot-password", StringComparison.Ordinal) || path.StartsWith("reset-password", StringComparison.Ordinal)
        || path.StartsWith("confirm-email", StringComparison.Ordinal);
}
