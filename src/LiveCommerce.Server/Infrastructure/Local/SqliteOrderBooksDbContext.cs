using LiveCommerce.Server.Features.Fulfilment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>
/// <see cref="OrderBooksDbContext"/> in the accounts' SQLite file, with its migrations in
/// <c>Infrastructure/Local/SqliteOrderBooksMigrations</c>. Times are sortable integers, as for accounts.
/// </summary>
public sealed class SqliteOrderBooksDbContext(DbContextOptions<SqliteOrderBooksDbContext> options) : OrderBooksDbContext(options)
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, s => s.MigrationsHistoryTable(HistoryTable));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>For <c>dotnet ef migrations add X --context SqliteOrderBooksDbContext --output-dir Infrastructure/Local/SqliteOrderBooksMigrations</c>.</summary>
public sealed class SqliteOrderBooksDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOrderBooksDbContext>
{
    public SqliteOrderBooksDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteOrderBooksDbContext>();
        SqliteOrderBooksDbContext.Configure(options, "Data Source=design-time.db");
        return new(options.Options);
    }
}
