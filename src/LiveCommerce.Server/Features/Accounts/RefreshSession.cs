using LiveCommerce.Contracts;
using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>Trades a refresh token for the next access token and refresh token (the old one is spent).</summary>
public sealed record RefreshSession(string? RefreshToken) : ICommand<TokenResponse>;

public sealed class RefreshSessionHandler(IServiceScopeFactory scopes, Sessions sessions) : ICommandHandler<RefreshSession, TokenResponse>
{
    public async ValueTask<TokenResponse> Handle(RefreshSession command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        return await sessions.RotateAsync(work, command.RefreshToken, ct);
    }
}
