using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Ends this session, or every session of the account. Access tokens already handed out die on their
/// own within minutes, and a hub connection closes when its token expires.
/// </summary>
public sealed record SignOut(string? RefreshToken, bool Everywhere, string? UserId) : ICommand;

public sealed class SignOutHandler(IServiceScopeFactory scopes, Sessions sessions) : ICommandHandler<SignOut>
{
    public async ValueTask<Unit> Handle(SignOut command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        await sessions.EndAsync(work, command.RefreshToken, command.Everywhere, command.UserId, ct);
        return Unit.Value;
    }
}
