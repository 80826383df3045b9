using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// The reset mail's link and a new password. Identity's token is bound to the security stamp, which
/// the reset changes, so a link works once. Every session ends, and a lockout is lifted.
/// </summary>
public sealed record ResetPassword(ResetPasswordRequest Request) : ICommand, IValidated
{
    public void Validate(Validator v) =>
        v.Id("userId", Request?.UserId).Text("token", Request?.Token, 2000).Password("newPassword", Request?.NewPassword);
}

public sealed class ResetPasswordHandler(IServiceScopeFactory scopes, Sessions sessions) : ICommandHandler<ResetPassword>
{
    public async ValueTask<Unit> Handle(ResetPassword command, CancellationToken ct)
    {
        var r = command.Request;
        await using var work = scopes.OpenAccounts();
        var user = await work.Users.FindByIdAsync(r.UserId) ?? throw AccountRules.InvalidLink();
        // The link is checked first: a stranger must not learn anything about the password rules' verdicts.
        if (!await work.Users.VerifyUserTokenAsync(user, work.Users.Options.Tokens.PasswordResetTokenProvider, "ResetPassword", r.Token))
        {
            throw AccountRules.InvalidLink();
        }

        var result = await work.Users.ResetPasswordAsync(user, r.Token, r.NewPassword);
        if (!result.Succeeded)
        {
            throw result.Errors.Any(e => e.Code == "InvalidToken" || e.Code == "ConcurrencyFailure") ? AccountRules.InvalidLink() : AccountRules.WeakPassword(result);
        }

        await work.Users.ResetAccessFailedCountAsync(user);
        await work.Users.SetLockoutEndDateAsync(user, null);
        await sessions.RevokeAllAsync(work, user.Id, ct);
        return Unit.Value;
    }
}
