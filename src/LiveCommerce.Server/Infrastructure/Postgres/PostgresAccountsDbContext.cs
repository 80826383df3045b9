using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace LiveCommerce.Server.Infrastructure.Postgres;

/// <summary>
/// <see cref="AccountsDbContext"/> on Npgsql. A type of its own only so that its migrations
/// (<c>Infrastructure/Postgres/Migrations</c>) are told apart from SQLite's; handlers see the base type.
/// </summary>
public sealed class PostgresAccountsDbContext(DbContextOptions<PostgresAccountsDbContext> options) : AccountsDbContext(options)
{
    /// <summary>Any fixed number: the advisory lock all nodes take around migrating.</summary>
    private const long MigrationLock = 0x4C43_4D49_4752;

    /// <summary>
    /// EF's own migration lock does not hold on an empty database (npgsql/efcore.pg#3407: nodes
    /// starting together each find every migration pending and apply it twice), so the nodes queue
    /// on a session advisory lock, held on an unpooled connection of its own: closing it ends the
    /// session and so releases the lock (a pooled one would keep both alive).
    /// </summary>
    public override async Task MigrateAsync(CancellationToken ct)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        await using var gate = new NpgsqlConnection(unpooled);
        await gate.OpenAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", gate))
        {
            await take.ExecuteNonQueryAsync(ct);
        }

        // EF's own history table, as EF makes it: on an empty database EF otherwise reads it before
        // creating it and logs that failure as an error (the same issue).
        await using (var history = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS \"__EFMigrationsHistory\" (\"MigrationId\" character varying(150) NOT NULL, \"ProductVersion\" character varying(32) NOT NULL, CONSTRAINT \"PK___EFMigrationsHistory\" PRIMARY KEY (\"MigrationId\"))", gate))
        {
            await history.ExecuteNonQueryAsync(ct);
        }

        await Database.MigrateAsync(ct);
    }
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
