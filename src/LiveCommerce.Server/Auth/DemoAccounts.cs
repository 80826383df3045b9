using Microsoft.AspNetCore.Identity;
using Bogus;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Auth;

/// <summary>
/// The demo cast: fixed handles that docs and tests name, plus a Bogus-made crowd of brands and
/// hosts. The fixed seed makes every node produce the same accounts without sharing storage. Used
/// only where the demo or dev sign-in runs (Development); there each member becomes a real account
/// (<see cref="EnsureSeededAsync"/>) with a host profile or a brand it owns.
/// </summary>
public sealed class DemoAccounts : IAccountDirectory
{
    /// <summary>The demo accounts' address domain (reserved: mail to it goes nowhere).</summary>
    public const string EmailDomain = "demo.livecommerce.test";

    /// <summary>The Development password of the seeded cast, listed in the README.</summary>
    public const string DevelopmentPassword = "Shop-Live-2026";

    private readonly Dictionary<string, Account> _byHandle;
    private readonly Dictionary<string, Account> _byId;

    public DemoAccounts()
    {
        List<Account> accounts =
        [
            new("u-admin", "admin", "Ada Admin", Roles.Admin, "GB"),
            new("u-host-mia", "mia", "Mia Chen", Roles.Host, "US"),
            new("u-host-leo", "leo", "Leo García", Roles.Host, "ES"),
            new("u-brand-glow", "glow", "Glow Cosmetics", Roles.Brand, "US"),
            new("u-brand-kite", "kite", "Kite Outdoor", Roles.Brand, "DE"),
            new("u-viewer-sam", "sam", "Sam Lee", Roles.Viewer, "SG"),
            new("u-viewer-ana", "ana", "Ana Souza", Roles.Viewer, "BR"),
        ];

        var faker = new Faker { Random = new Randomizer(20261124) };
        for (var i = 0; i < 6; i++)
        {
            var isHost = i % 2 == 0;
            var name = isHost ? faker.Name.FullName() : faker.Company.CompanyName();
            var handle = $"{(isHost ? "host" : "brand")}{i}";
            accounts.Add(new($"u-{handle}", handle, name, isHost ? Roles.Host : Roles.Brand, faker.Address.CountryCode()));
        }

        All = accounts;
        _byHandle = accounts.ToDictionary(a => a.Handle, StringComparer.OrdinalIgnoreCase);
        _byId = accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Account> All { get; }

    public Account? FindByHandle(string handle) => _byHandle.GetValueOrDefault(handle);

    public ValueTask<Account?> FindAsync(string userId, CancellationToken ct = default) => ValueTask.FromResult(_byId.GetValueOrDefault(userId));

    public ValueTask<Account?> FindHostByHandleAsync(string handle, CancellationToken ct = default) =>
        ValueTask.FromResult(FindByHandle(handle.Trim().TrimStart('@')) is { Role: Roles.Host } host ? host : null);

    public ValueTask<Account?> FindPersonAsync(string handleOrEmail, CancellationToken ct = default)
    {
        var wanted = handleOrEmail.Trim().TrimStart('@');
        var at = wanted.IndexOf('@', StringComparison.Ordinal);
        if (at > 0 && wanted[(at + 1)..].Equals(EmailDomain, StringComparison.OrdinalIgnoreCase))
        {
            wanted = wanted[..at];
        }

        return ValueTask.FromResult(FindByHandle(wanted) is { Role: not Roles.Brand } person ? person : null);
    }

    public static string EmailOf(Account account) => $"{account.Handle}@{EmailDomain}";

    /// <summary>
    /// The cast member as a real, confirmed account (same id), created on first need: a host gets its
    /// profile, a brand its organization (same id, so the demo catalog stays its own) with the account
    /// as owner. Nodes racing to create it meet at the unique keys; the loser reads the winner's.
    /// </summary>
    public static async Task<AppUser> EnsureSeededAsync(AccountsWork work, Account account, string? password, DateTimeOffset now, CancellationToken ct)
    {
        if (await work.Users.FindByIdAsync(account.Id) is { } existing)
        {
            // First made by a password-less dev sign-in: the demo now gives it its password.
            if (password is not null && !await work.Users.HasPasswordAsync(existing))
            {
                await work.Users.AddPasswordAsync(existing, password);
            }

            return existing;
        }

        var user = new AppUser
        {
            Id = account.Id, UserName = EmailOf(account), Email = EmailOf(account), EmailConfirmed = true,
            DisplayName = account.DisplayName, Country = account.Country, CreatedAt = now,
        };
        IdentityResult created;
        try
        {
            created = password is null ? await work.Users.CreateAsync(user) : await work.Users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            // Another node's first sign-in of the same account inserted it between our read and our insert.
            work.Db.ChangeTracker.Clear();
            return await work.Users.FindByIdAsync(account.Id) ?? throw new InvalidOperationException($"Could not seed demo account '{account.Handle}'.");
        }

        if (!created.Succeeded)
        {
            return await work.Users.FindByIdAsync(account.Id)
                ?? throw new InvalidOperationException($"Could not seed demo account '{account.Handle}': {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        if (account.Role == Roles.Host)
        {
            work.Db.HostProfiles.Add(new HostProfile { UserId = account.Id, Handle = account.Handle, DisplayName = account.DisplayName, Country = account.Country, Languages = "en" });
        }
        else if (account.Role == Roles.Brand)
        {
            work.Db.Brands.Add(new Brand { Id = account.Id, Name = account.DisplayName, Country = account.Country, CreatedAt = now });
            work.Db.BrandMembers.Add(new BrandMember { BrandId = account.Id, UserId = account.Id, Role = BrandRoles.Owner, JoinedAt = now });
        }

        try
        {
            await work.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node seeded the same profile or brand meanwhile.
        }

        return user;
    }
}
