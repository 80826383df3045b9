using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>The link in the confirmation mail: confirms the address once and signs the person in.</summary>
public sealed record ConfirmEmail(ConfirmEmailRequest Request) : ICommand<TokenResponse>, IValidated
{
    public void Validate(Validator v) =>
        v.Id("userId", Request?.UserId).Text("token", Request?.Token, 2000);
}

public sealed class ConfirmEmailHandler(IServiceScopeFactory scopes, Sessions sessions) : ICommandHandler<ConfirmEmail, TokenResponse>
{
    public async ValueTask<TokenResponse> Handle(ConfirmEmail command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.Users.FindByIdAsync(command.Request.UserId);
        // A confirmed account refuses the link again: a second use would be a free sign-in.
        if (user is null || user.EmailConfirmed || !(await work.Users.ConfirmEmailAsync(user, command.Request.Token)).Succeeded)
        {
            throw AccountRules.InvalidLink();
        }

        return await sessions.StartAsync(work, user, ct);
    }
}
