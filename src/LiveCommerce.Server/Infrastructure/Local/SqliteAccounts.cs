using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Fulfilment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>
/// <see cref="AccountsDbContext"/> on SQLite, for <c>dotnet run</c> with nothing installed. Its own
/// type so that its migrations (<c>Infrastructure/Local/SqliteMigrations</c>) are told apart from
/// PostgreSQL's. SQLite cannot compare <see cref="DateTimeOffset"/> in SQL, so they are stored as
/// sortable integers.
/// </summary>
public sealed class SqliteAccountsDbContext(DbContextOptions<SqliteAccountsDbContext> options) : AccountsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public static class SqliteAccounts
{
    /// <summary>Accounts in one SQLite file (its folder is created); single node only.</summary>
    public static IServiceCollection AddSqliteAccounts(this IServiceCollection services, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connectionString = ConnectionString(path);
        services.AddDbContext<AccountsDbContext, SqliteAccountsDbContext>(o => o.UseSqlite(connectionString));
        // The books (issue 27) in the same file, their own context and migrations history.
        services.AddDbContext<OrderBooksDbContext, SqliteOrderBooksDbContext>(o => SqliteOrderBooksDbContext.Configure(o, connectionString));
        return services;
    }

    /// <summary>Shared cache off, a generous busy timeout: writers from several contexts wait for each other.</summary>
    public static string ConnectionString(string path) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
}

/// <summary>For <c>dotnet ef migrations add X --context SqliteAccountsDbContext --output-dir Infrastructure/Local/SqliteMigrations</c>.</summary>
public sealed class SqliteAccountsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAccountsDbContext>
{
    public SqliteAccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAccountsDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
