using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Admin;

/// <summary>
/// An operator suspends an account: it can no longer sign in or refresh, its sessions are ended, its
/// access tokens are refused and its live connections closed (here at once, on other nodes within
/// <see cref="AdminOptions.SuspensionRefresh"/>). Admins, the operator included, cannot be suspended.
/// </summary>
public sealed record SuspendAccount(Actor Actor, string UserId, AdminReasonRequest? Request) : ICommand<AdminUserDto>, IValidated
{
    public void Validate(Validator v) => v.Id("id", UserId).Reason(Request);
}

public sealed record UnsuspendAccount(Actor Actor, string UserId) : ICommand<AdminUserDto>, IValidated
{
    public void Validate(Validator v) => v.Id("id", UserId);
}

public sealed class SuspendAccountHandler(
    IServiceScopeFactory scopes, Sessions sessions, SuspendedAccounts suspended, IAuditLog audit, IOptions<AccountsOptions> accounts, TimeProvider clock)
    : ICommandHandler<SuspendAccount, AdminUserDto>, ICommandHandler<UnsuspendAccount, AdminUserDto>
{
    public async ValueTask<AdminUserDto> Handle(SuspendAccount command, CancellationToken ct)
    {
        AdminRules.RequireAdmin(command.Actor);
        var reason = command.Request!.Reason!.Trim();
        await using var work = scopes.OpenAccounts();
        var user = await FindAsync(work, command.UserId, ct);
        if (user.Id == command.Actor.UserId || accounts.Value.IsAdmin(user.Email))
        {
            throw AppException.Forbidden(ErrorCodes.CannotSuspendAdmin, "Admins cannot be suspended: remove the address from Accounts:Admins first.");
        }

        user.SuspendedAt ??= clock.GetUtcNow();
        user.SuspendedReason = reason;
        await work.Db.SaveChangesAsync(ct);
        await sessions.RevokeAllAsync(work, user.Id, ct);
        suspended.Add(user.Id);
        await audit.RecordAsync(command.Actor, AuditActions.AccountSuspended, user.Id, reason, ct);
        return await ToDtoAsync(work, user, ct);
    }

    public async ValueTask<AdminUserDto> Handle(UnsuspendAccount command, CancellationToken ct)
    {
        AdminRules.RequireAdmin(command.Actor);
        await using var work = scopes.OpenAccounts();
        var user = await FindAsync(work, command.UserId, ct);
        user.SuspendedAt = null;
        user.SuspendedReason = null;
        await work.Db.SaveChangesAsync(ct);
        suspended.Remove(user.Id);
        await audit.RecordAsync(command.Actor, AuditActions.AccountUnsuspended, user.Id, null, ct);
        return await ToDtoAsync(work, user, ct);
    }

    private static async Task<AppUser> FindAsync(AccountsWork work, string id, CancellationToken ct) =>
        await work.Db.Users.SingleOrDefaultAsync(u => u.Id == id, ct)
        ?? throw AppException.NotFound(ErrorCodes.UnknownUser, "No account with that id.");

    private async Task<AdminUserDto> ToDtoAsync(AccountsWork work, AppUser user, CancellationToken ct)
    {
        var handle = await work.Db.HostProfiles.AsNoTracking().Where(h => h.UserId == user.Id).Select(h => h.Handle).SingleOrDefaultAsync(ct);
        return new AdminUserDto(user.Id, user.Email ?? "", user.DisplayName, handle, accounts.Value.IsAdmin(user.Email), user.SuspendedAt, user.SuspendedReason);
    }
}
