using LiveCommerce.Server.Features.Fulfilment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace LiveCommerce.Server.Infrastructure.Postgres;

/// <summary>
/// <see cref="OrderBooksDbContext"/> on Npgsql, on the accounts database, with its migrations in
/// <c>Infrastructure/Postgres/OrderBooksMigrations</c> and its own history table.
/// </summary>
public sealed class PostgresOrderBooksDbContext(DbContextOptions<PostgresOrderBooksDbContext> options) : OrderBooksDbContext(options)
{
    /// <summary>Not the accounts' lock: the two contexts migrate independently.</summary>
    private const long MigrationLock = 0x4C43_4F52_4452;

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, n => n.MigrationsHistoryTable(HistoryTable));

    /// <summary>As <see cref="PostgresAccountsDbContext.MigrateAsync"/>: nodes queue on an advisory lock (npgsql/efcore.pg#3407).</summary>
    public override async Task MigrateAsync(CancellationToken ct)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        await using var gate = new NpgsqlConnection(unpooled);
        await gate.OpenAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", gate))
        {
            await take.ExecuteNonQueryAsync(ct);
        }

        await using (var history = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS \"{HistoryTable}\" (\"MigrationId\" character varying(150) NOT NULL, \"ProductVersion\" character varying(32) NOT NULL, CONSTRAINT \"PK_{HistoryTable}\" PRIMARY KEY (\"MigrationId\"))", gate))
        {
            await history.ExecuteNonQueryAsync(ct);
        }

        await Database.MigrateAsync(ct);
    }
}

/// <summary>
/// For <c>dotnet ef migrations add X --context PostgresOrderBooksDbContext --output-dir Infrastructure/Postgres/OrderBooksMigrations</c>.
/// </summary>
public sealed class PostgresOrderBooksDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOrderBooksDbContext>
{
    public PostgresOrderBooksDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresOrderBooksDbContext>();
        PostgresOrderBooksDbContext.Configure(options, "Host=localhost;Database=livecommerce_design_time");
        return new(options.Options);
    }
}
