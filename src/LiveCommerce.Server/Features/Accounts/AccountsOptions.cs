using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Where accounts live. <see cref="ConnectionString"/> (or <c>ConnectionStrings:Accounts</c>) set:
/// PostgreSQL. Empty: a SQLite file, <see cref="SqlitePath"/> or <c>.data/accounts.db</c> under the
/// content root, for <c>dotnet run</c> with nothing installed.
/// </summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Database=livecommerce;Username=livecommerce;Password=…</c>.</summary>
    public string? ConnectionString { get; set; }

    public string? SqlitePath { get; set; }

    /// <summary>Apply pending migrations when the node starts (default). Off: an operator applies them.</summary>
    public bool MigrateAtStart { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan MigrationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The PostgreSQL connection string from either key, or null for SQLite.</summary>
    public static string? PostgresConnectionString(IConfiguration configuration)
    {
        var own = configuration[$"{Section}:{nameof(ConnectionString)}"];
        if (!string.IsNullOrWhiteSpace(own))
        {
            return own;
        }

        var shared = configuration.GetConnectionString("Accounts");
        return string.IsNullOrWhiteSpace(shared) ? null : shared;
    }
}
