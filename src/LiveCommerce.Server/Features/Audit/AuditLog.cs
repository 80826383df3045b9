using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;

namespace LiveCommerce.Server.Features.Audit;

/// <summary>Appends to <see cref="AccountsDbContext.AuditEntries"/> (PostgreSQL, or SQLite with nothing installed).</summary>
public sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider clock) : IAuditLog
{
    public async Task RecordAsync(Actor actor, string action, string target, string? detail, CancellationToken ct = default)
    {
        await using var work = scopes.OpenAccounts();
        work.Db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actor.UserId,
            ActorName = Clip(actor.DisplayName, AppUser.DisplayNameMaxLength)!,
            Action = action,
            Target = Clip(target, 256)!,
            Detail = Clip(detail, AuditEntry.DetailMaxLength),
        });
        // Not the caller's token: an action that succeeded is recorded even if its caller went away.
        await work.Db.SaveChangesAsync(CancellationToken.None);
    }

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
