using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Email and password, then the authenticator code when two-factor sign-in is on. Every wrong
/// password or code counts toward Identity's lockout; an unknown address costs the same hash as a
/// known one and gets the same answer.
/// </summary>
public sealed record SignIn(LoginRequest Request, string RequestBase) : ICommand<TokenResponse>, IValidated
{
    public void Validate(Validator v)
    {
        v.Require(Request is not null, "A body is required.");
        if (Request is { } r)
        {
            v.Email(r.Email).Password("password", r.Password).Text("twoFactorCode", r.TwoFactorCode, 16, required: false);
        }
    }
}

public sealed class SignInHandler(IServiceScopeFactory scopes, Sessions sessions, AccountMail mail) : ICommandHandler<SignIn, TokenResponse>
{
    /// <summary>Hashed once, so an unknown address spends the same time verifying as a known one.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public async ValueTask<TokenResponse> Handle(SignIn command, CancellationToken ct)
    {
        var r = command.Request;
        await using var work = scopes.OpenAccounts();
        var user = await work.Users.FindByEmailAsync(r.Email.Trim());
        if (user is null)
        {
            _ = work.Users.PasswordHasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, r.Password);
            throw InvalidCredentials();
        }

        if (await work.Users.IsLockedOutAsync(user))
        {
            throw LockedOut();
        }

        if (!await work.Users.CheckPasswordAsync(user, r.Password))
        {
            throw await FailedAsync(work, user, InvalidCredentials());
        }

        if (!user.EmailConfirmed)
        {
            // Only someone who knows the password learns this; they get a fresh link.
            mail.Confirm(user, await work.Users.GenerateEmailConfirmationTokenAsync(user), command.RequestBase);
            throw AppException.Forbidden(ErrorCodes.EmailNotConfirmed, "Confirm your email first: we sent you a new link.");
        }

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(r.TwoFactorCode))
            {
                throw new AppException(ErrorCodes.TwoFactorRequired, "Enter the code from your authenticator app.", StatusCodes.Status401Unauthorized);
            }

            var code = AccountRules.AuthenticatorCode(r.TwoFactorCode);
            if (!await work.Users.VerifyTwoFactorTokenAsync(user, work.Users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                throw await FailedAsync(work, user, new AppException(ErrorCodes.InvalidTwoFactorCode, "That code is not right, or has expired.", StatusCodes.Status401Unauthorized));
            }
        }

        await work.Users.ResetAccessFailedCountAsync(user);
        return await sessions.StartAsync(work, user, ct);
    }

    /// <summary>Counts the failure; the one that reaches the limit says locked, not wrong.</summary>
    private static async Task<AppException> FailedAsync(AccountsWork work, AppUser user, AppException refusal)
    {
        await work.Users.AccessFailedAsync(user);
        return await work.Users.IsLockedOutAsync(user) ? LockedOut() : refusal;
    }

    private static AppException InvalidCredentials() =>
        new(ErrorCodes.InvalidCredentials, "That email and password do not match an account.", StatusCodes.Status401Unauthorized);

    private static AppException LockedOut() =>
        new(ErrorCodes.LockedOut, "Too many failed sign-ins: this account is locked for a while. You can reset your password to unlock it.", StatusCodes.Status423Locked);
}
