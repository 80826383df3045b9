using System.Text.Encodings.Web;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// A new authenticator key (replacing any earlier one) for the person to add to their app. Sign-in
/// asks for codes only once <see cref="SetTwoFactor"/> has seen one that matches.
/// </summary>
public sealed record SetUpTwoFactor(Actor Actor) : ICommand<TwoFactorSetupDto>;

public sealed class SetUpTwoFactorHandler(IServiceScopeFactory scopes) : ICommandHandler<SetUpTwoFactor, TwoFactorSetupDto>
{
    public async ValueTask<TwoFactorSetupDto> Handle(SetUpTwoFactor command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(command.Actor);
        if (user.TwoFactorEnabled)
        {
            throw AppException.Conflict(ErrorCodes.InvalidTransition, "Two-factor sign-in is already on: turn it off first to change the app.");
        }

        await work.Users.ResetAuthenticatorKeyAsync(user);
        var key = await work.Users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("Identity made no authenticator key.");
        var label = UrlEncoder.Default.Encode($"LiveCommerce:{user.Email}");
        return new TwoFactorSetupDto(key, $"otpauth://totp/{label}?secret={key}&issuer=LiveCommerce&digits=6");
    }
}
