using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// The mails accounts send, each with its link written out in full. Links point at the web app's
/// pages (<c>/confirm-email</c>, <c>/reset-password</c>, <c>/invitations/accept</c>) under
/// <see cref="AccountsOptions.PublicBaseUrl"/>, never at an address taken from the request outside
/// Development (a forged Host header would otherwise send a reset link to someone else's site).
/// </summary>
public sealed class AccountMail(MailOutbox outbox, IOptions<AccountsOptions> options)
{
    public void Confirm(AppUser user, string token, string requestBase) =>
        outbox.Enqueue(new(user.Email!, "Confirm your LiveCommerce account",
            $"Hello {user.DisplayName},\n\nConfirm your email address to finish signing up:\n\n{Link(requestBase, "confirm-email", ("userId", user.Id), ("token", token))}\n\nThe link works for {Hours} hours. If you did not sign up, ignore this mail."));

    /// <summary>Someone signed up with an address that already has an account: tell its owner, not the form.</summary>
    public void AlreadyRegistered(AppUser user, string requestBase) =>
        outbox.Enqueue(new(user.Email!, "Someone tried to sign up with your email",
            $"Hello {user.DisplayName},\n\nSomeone (maybe you) tried to create a LiveCommerce account with this address, which already has one.\nIf it was you, sign in, or reset your password here:\n\n{Link(requestBase, "forgot-password")}\n\nIf it was not you, nothing changed and you can ignore this mail."));

    public void ResetPassword(AppUser user, string token, string requestBase) =>
        outbox.Enqueue(new(user.Email!, "Reset your LiveCommerce password",
            $"Hello {user.DisplayName},\n\nChoose a new password here:\n\n{Link(requestBase, "reset-password", ("userId", user.Id), ("token", token))}\n\nThe link works once, for {Hours} hours. Every device signed in to your account will be signed out.\nIf you did not ask for this, ignore this mail: your password stays as it is."));

    public void Invitation(string email, string brandName, string role, string inviter, string token, string requestBase) =>
        outbox.Enqueue(new(email, $"{inviter} invited you to {brandName} on LiveCommerce",
            $"Hello,\n\n{inviter} invited you to join {brandName} on LiveCommerce as {role}.\nSign in (or sign up) with this email address, then open:\n\n{Link(requestBase, "invitations/accept", ("token", token))}\n\nThe invitation works for {Hours} hours."));

    private int Hours => (int)Math.Round(options.Value.LinkLifetime.TotalHours);

    private string Link(string requestBase, string page, params (string Name, string Value)[] query)
    {
        var root = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? requestBase : options.Value.PublicBaseUrl;
        var q = string.Join('&', query.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
        return $"{root.TrimEnd('/')}/{page}{(q.Length > 0 ? "?" + q : "")}";
    }
}
