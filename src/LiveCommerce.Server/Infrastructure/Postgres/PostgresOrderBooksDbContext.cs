using LiveCommerce.Server.Features.Fulfilment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

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

    public override Task MigrateAsync(CancellationToken ct) =>
        PostgresMigrationQueue.MigrateAsync(this, MigrationLock, HistoryTable, ct);
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
