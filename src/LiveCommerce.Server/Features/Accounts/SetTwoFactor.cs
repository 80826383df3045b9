using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>Turns two-factor sign-in on (a code from the new key) or off (a code from the current one).</summary>
public sealed record SetTwoFactor(Actor Actor, TwoFactorCodeRequest Request, bool Enabled) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Text("code", Request?.Code, 16);
}

public sealed class SetTwoFactorHandler(IServiceScopeFactory scopes) : ICommandHandler<SetTwoFactor>
{
    public async ValueTask<Unit> Handle(SetTwoFactor command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(command.Actor);
        var code = AccountRules.AuthenticatorCode(command.Request.Code);
        if (await work.Users.GetAuthenticatorKeyAsync(user) is null
            || !await work.Users.VerifyTwoFactorTokenAsync(user, work.Users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            throw new AppException(ErrorCodes.InvalidTwoFactorCode, "That code is not right, or has expired.");
        }

        await work.Users.SetTwoFactorEnabledAsync(user, command.Enabled);
        return Unit.Value;
    }
}
