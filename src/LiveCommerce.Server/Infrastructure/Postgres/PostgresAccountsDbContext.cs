using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveCommerce.Server.Infrastructure.Postgres;

/// <summary>
/// <see cref="AccountsDbContext"/> on Npgsql. A type of its own only so that its migrations
/// (<c>Infrastructure/Postgres/Migrations</c>) are told apart from SQLite's; handlers see the base type.
/// </summary>
public sealed class PostgresAccountsDbContext(DbContextOptions<PostgresAccountsDbContext> options) : AccountsDbContext(options)
{
    /// <summary>Any fixed number: the advisory lock all nodes take around migrating.</summary>
    private const long MigrationLock = 0x4C43_4D49_4752;

    public override Task MigrateAsync(CancellationToken ct) =>
        PostgresMigrationQueue.MigrateAsync(this, MigrationLock, "__EFMigrationsHistory", ct);
}

/// <summary>
/// For <c>dotnet ef migrations add X --context PostgresAccountsDbContext --output-dir Infrastructure/Postgres/Migrations</c>:
/// builds the model without connecting anywhere.
/// </summary>
public sealed class PostgresAccountsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAccountsDbContext>
{
    public PostgresAccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAccountsDbContext>()
            .UseNpgsql("Host=localhost;Database=livecommerce_design_time")
            .Options);
}
