using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>A new password, given the current one. Every session ends; this device gets a new one.</summary>
public sealed record ChangePassword(Actor Actor, ChangePasswordRequest Request) : ICommand<TokenResponse>, IValidated
{
    public void Validate(Validator v) =>
        v.Password("currentPassword", Request?.CurrentPassword).Password("newPassword", Request?.NewPassword);
}

public sealed class ChangePasswordHandler(IServiceScopeFactory scopes, Sessions sessions) : ICommandHandler<ChangePassword, TokenResponse>
{
    public async ValueTask<TokenResponse> Handle(ChangePassword command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(command.Actor);
        var result = await work.Users.ChangePasswordAsync(user, command.Request.CurrentPassword, command.Request.NewPassword);
        if (!result.Succeeded)
        {
            throw result.Errors.Any(e => e.Code == "PasswordMismatch")
                ? new AppException(ErrorCodes.InvalidCredentials, "The current password is not right.", StatusCodes.Status401Unauthorized)
                : AccountRules.WeakPassword(result);
        }

        await sessions.RevokeAllAsync(work, user.Id, ct);
        return await sessions.StartAsync(work, user, ct);
    }
}
