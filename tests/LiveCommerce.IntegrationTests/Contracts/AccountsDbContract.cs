using System.Security.Cryptography;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Postgres;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>
/// A fresh accounts database for one test class, with the checked-in migrations applied by the
/// same startup step a node runs, and Identity registered as the server registers it.
/// </summary>
public abstract class AccountsDatabase : IAsyncLifetime
{
    private readonly List<Func<Task>> _cleanup = [];
    private readonly List<ServiceProvider> _nodes = [];

    public IServiceProvider Services { get; private set; } = null!;

    /// <summary>Creates an empty database and returns how a node registers it.</summary>
    protected abstract Task<(Action<IServiceCollection> Register, Func<Task> Drop)> CreateEmptyAsync();

    public async Task<Action<IServiceCollection>> NewDatabaseAsync()
    {
        var (register, drop) = await CreateEmptyAsync();
        _cleanup.Add(drop);
        return register;
    }

    /// <summary>What a node does at start: register the provider and Identity, then migrate.</summary>
    public async Task<IServiceProvider> StartNodeAsync(Action<IServiceCollection> database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<AccountsOptions>();
        database(services);
        services.AddAccountsIdentity();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        lock (_nodes)
        {
            _nodes.Add(provider);
        }

        await new MigrateAtStart<AccountsDbContext>(
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<IOptions<AccountsOptions>>(),
            NullLogger<MigrateAtStart<AccountsDbContext>>.Instance).StartingAsync(CancellationToken.None);
        return provider;
    }

    public async Task InitializeAsync() => Services = await StartNodeAsync(await NewDatabaseAsync());

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        foreach (var drop in _cleanup)
        {
            await drop();
        }
    }
}

public sealed class PostgresAccountsDatabase : AccountsDatabase
{
    protected override async Task<(Action<IServiceCollection>, Func<Task>)> CreateEmptyAsync()
    {
        var connectionString = await SharedPostgres.CreateDatabaseAsync();
        return (s => s.AddPostgresAdapters(connectionString), () => SharedPostgres.DropDatabaseAsync(connectionString));
    }
}

public sealed class SqliteAccountsDatabase : AccountsDatabase
{
    protected override Task<(Action<IServiceCollection>, Func<Task>)> CreateEmptyAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lc-accounts-{Guid.NewGuid():N}.db");
        return Task.FromResult<(Action<IServiceCollection>, Func<Task>)>((s => s.AddSqliteAccounts(path), () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return Task.CompletedTask;
        }));
    }
}

/// <summary>
/// What the accounts model must do on every provider that carries it (PostgreSQL and SQLite): what
/// Identity promises on top of it, and what the unique constraints hold when requests race.
/// </summary>
public abstract class AccountsDbContract(AccountsDatabase database)
{
    private const string Password = "Correct-horse-battery-9";

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work, IServiceProvider? services = null)
    {
        await using var scope = (services ?? database.Services).CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static AppUser NewUser(string email) => new()
    {
        UserName = "u" + Guid.NewGuid().ToString("N")[..12],
        Email = email,
        DisplayName = "Mia Host",
        Country = "DE",
    };

    private static string UniqueEmail(string local = "Mia.Host") => $"{local}.{Guid.NewGuid():N}@Example.COM";

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));

    private async Task<AppUser> CreateUserAsync(string? email = null)
    {
        var user = NewUser(email ?? UniqueEmail());
        var result = await InScopeAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, Password));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        return user;
    }

    [Fact]
    public async Task A_user_is_stored_with_a_hashed_password_and_found_by_email_in_any_case()
    {
        var email = UniqueEmail();
        var created = await CreateUserAsync(email);

        var found = await InScopeAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email.ToLowerInvariant()));
        Assert.NotNull(found);
        Assert.Equal(created.Id, found.Id);
        Assert.Equal(email, found.Email);
        Assert.Equal(email.ToUpperInvariant(), found.NormalizedEmail);
        Assert.Equal("Mia Host", found.DisplayName);
        Assert.Equal("DE", found.Country);
        Assert.False(string.IsNullOrEmpty(found.PasswordHash));
        Assert.DoesNotContain(Password, found.PasswordHash, StringComparison.Ordinal);

        var (right, wrong) = await InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email.ToUpperInvariant()))!;
            return (await users.CheckPasswordAsync(user, Password), await users.CheckPasswordAsync(user, Password + "!"));
        });
        Assert.True(right);
        Assert.False(wrong);

        // The same lookup in plain LINQ, as a handler would write it, is translated by the provider.
        var byNormalized = await InScopeAsync(sp => sp.GetRequiredService<AccountsDbContext>().Users
            .Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).ToListAsync());
        Assert.Equal([created.Id], byNormalized);
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_in_another_case_is_refused()
    {
        var email = UniqueEmail();
        await CreateUserAsync(email);

        var second = await InScopeAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(NewUser(email.ToLowerInvariant()), Password));
        Assert.False(second.Succeeded);
        Assert.Contains(second.Errors, e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail));
        var count = await InScopeAsync(sp => sp.GetRequiredService<AccountsDbContext>().Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Racing_sign_ups_with_one_email_create_exactly_one_account()
    {
        var email = UniqueEmail();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => InScopeAsync(async sp =>
        {
            try
            {
                // Identity's own duplicate check can pass for every racer; the unique index decides.
                var user = NewUser(i % 2 == 0 ? email : email.ToLowerInvariant());
                return (await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, Password)).Succeeded;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }))));
        Assert.Single(attempts, succeeded => succeeded);
        var count = await InScopeAsync(sp => sp.GetRequiredService<AccountsDbContext>().Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task A_refresh_token_is_stored_by_hash_found_by_hash_and_rotated()
    {
        var user = await CreateUserAsync();
        var now = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var first = new RefreshToken
        {
            Id = Guid.NewGuid(), UserId = user.Id, FamilyId = Guid.NewGuid(), TokenHash = Hash(value),
            CreatedAt = now, ExpiresAt = now.AddDays(14),
        };
        await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountsDbContext>();
            db.RefreshTokens.Add(first);
            return await db.SaveChangesAsync();
        });

        // Found by the hash of what the client presents; time comparisons run in SQL on both providers.
        var found = await InScopeAsync(sp => sp.GetRequiredService<AccountsDbContext>().RefreshTokens
            .Where(t => t.TokenHash == Hash(value) && t.RevokedAt == null && t.ExpiresAt > now.AddDays(13))
            .SingleOrDefaultAsync());
        Assert.NotNull(found);
        Assert.Equal(first.Id, found.Id);
        Assert.Equal(user.Id, found.UserId);
        Assert.Equal(first.FamilyId, found.FamilyId);
        Assert.Equal(now, found.CreatedAt);
        Assert.Equal(now.AddDays(14), found.ExpiresAt);
        Assert.Null(await InScopeAsync(sp => sp.GetRequiredService<AccountsDbContext>().RefreshTokens
            .SingleOrDefaultAsync(t => t.TokenHash == Hash(value + "x"))));

        // Rotation: the used token is revoked and points at its successor in the same family.
        var next = new RefreshToken
        {
            Id = Guid.NewGuid(), UserId = user.Id, FamilyId = first.FamilyId, TokenHash = Hash(value + "next"),
            CreatedAt = now.AddMinutes(10), ExpiresAt = now.AddDays(14).AddMinutes(10),
        };
        await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountsDbContext>();
            var used = await db.RefreshTokens.SingleAsync(t => t.TokenHash == Hash(value));
            used.RevokedAt = now.AddMinutes(10);
            used.ReplacedById = next.Id;
            db.RefreshTokens.Add(next);
            return await db.SaveChangesAsync();
        });
        var family = await InScopeAsync(sp => sp.GetRequiredService<AccountsDbContext>().RefreshTokens
            .Where(t => t.FamilyId == first.FamilyId).OrderBy(t => t.CreatedAt).ToListAsync());
        Assert.Equal([first.Id, next.Id], family.Select(t => t.Id));
        Assert.Equal(next.Id, family[0].ReplacedById);
        Assert.Equal(now.AddMinutes(10), family[0].RevokedAt);
        Assert.Null(family[1].RevokedAt);
    }

    [Fact]
    public async Task Of_two_racing_inserts_of_one_token_hash_exactly_one_wins()
    {
        var user = await CreateUserAsync();
        var hash = Hash(Guid.NewGuid().ToString());
        var now = DateTimeOffset.UtcNow;
        using var start = new Barrier(2);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountsDbContext>();
            db.RefreshTokens.Add(new RefreshToken
            {
                Id = Guid.NewGuid(), UserId = user.Id, FamilyId = Guid.NewGuid(), TokenHash = hash, CreatedAt = now, ExpiresAt = now.AddDays(1),
            });
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            try
            {
                await db.SaveChangesAsync();
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }))));
        Assert.Single(attempts, won => won);
        Assert.Equal(1, await InScopeAsync(sp => sp.GetRequiredService<AccountsDbContext>().RefreshTokens.CountAsync(t => t.TokenHash == hash)));
    }

    [Fact]
    public async Task Deleting_a_user_deletes_their_refresh_tokens()
    {
        var user = await CreateUserAsync();
        var now = DateTimeOffset.UtcNow;
        await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountsDbContext>();
            db.RefreshTokens.Add(new RefreshToken
            {
                Id = Guid.NewGuid(), UserId = user.Id, FamilyId = Guid.NewGuid(), TokenHash = Hash(user.Id), CreatedAt = now, ExpiresAt = now.AddDays(1),
            });
            return await db.SaveChangesAsync();
        });

        var deleted = await InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.DeleteAsync((await users.FindByIdAsync(user.Id))!);
        });
        Assert.True(deleted.Succeeded);
        Assert.Equal(0, await InScopeAsync(sp => sp.GetRequiredService<AccountsDbContext>().RefreshTokens.CountAsync(t => t.UserId == user.Id)));
    }

    [Fact]
    public async Task Nodes_starting_together_on_an_empty_database_all_start_and_migrate_it_once()
    {
        var empty = await database.NewDatabaseAsync();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => database.StartNodeAsync(empty))));

        var (applied, known) = await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountsDbContext>();
            return ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList());
        }, nodes[0]);
        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        Assert.Empty(await InScopeAsync(async sp => await sp.GetRequiredService<AccountsDbContext>().Database.GetPendingMigrationsAsync(), nodes[2]));
    }
}

public sealed class PostgresAccountsDbTests(PostgresAccountsDatabase database) : AccountsDbContract(database), IClassFixture<PostgresAccountsDatabase>;

public sealed class SqliteAccountsDbTests(SqliteAccountsDatabase database) : AccountsDbContract(database), IClassFixture<SqliteAccountsDatabase>;
