using LiveCommerce.Contracts;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Features' view of accounts, read from the accounts database: an id is a brand (an organization),
/// a host (an account with a host profile) or a viewer (any other account).
/// </summary>
public sealed class AccountDirectory(IServiceScopeFactory scopes) : IAccountDirectory
{
    public async ValueTask<Account?> FindAsync(string userId, CancellationToken ct = default)
    {
        await using var work = scopes.OpenAccounts();
        if (await work.Db.Brands.AsNoTracking().SingleOrDefaultAsync(b => b.Id == userId, ct) is { } brand)
        {
            return new Account(brand.Id, brand.Id, brand.Name, Roles.Brand, brand.Country ?? "");
        }

        var found = await (from u in work.Db.Users.AsNoTracking()
                           where u.Id == userId
                           join h in work.Db.HostProfiles.AsNoTracking() on u.Id equals h.UserId into hosts
                           from h in hosts.DefaultIfEmpty()
                           select new { u.DisplayName, u.Country, u.PurchaseName, Handle = h == null ? null : h.Handle, HostName = h == null ? null : h.DisplayName })
                          .SingleOrDefaultAsync(ct);
        return found switch
        {
            null => null,
            { Handle: { } handle } => new Account(userId, handle, found.HostName ?? found.DisplayName, Roles.Host, found.Country ?? "") { PurchaseName = found.PurchaseName },
            _ => new Account(userId, userId, found.DisplayName, Roles.Viewer, found.Country ?? "") { PurchaseName = found.PurchaseName },
        };
    }

    public async ValueTask<Account?> FindHostByHandleAsync(string handle, CancellationToken ct = default)
    {
        var wanted = handle.Trim().TrimStart('@').ToLowerInvariant();
        await using var work = scopes.OpenAccounts();
        var userId = await work.Db.HostProfiles.AsNoTracking().Where(h => h.Handle == wanted).Select(h => h.UserId).SingleOrDefaultAsync(ct);
        return userId is null ? null : await FindAsync(userId, ct);
    }

    public async ValueTask<Account?> FindPersonAsync(string handleOrEmail, CancellationToken ct = default)
    {
        var wanted = handleOrEmail.Trim();
        if (!wanted.StartsWith('@') && wanted.Contains('@', StringComparison.Ordinal))
        {
            var normalized = wanted.ToUpperInvariant();
            await using var work = scopes.OpenAccounts();
            var userId = await work.Db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
            return userId is null ? null : await FindAsync(userId, ct) is { Role: not Roles.Brand } person ? person : null;
        }

        return await FindHostByHandleAsync(wanted, ct);
    }
}
