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

    /// <summary>How long a session lasts without use; each refresh starts the period again.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Failed sign-ins (password or two-factor code) in a row before the account is locked.</summary>
    [Range(3, 20)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a confirmation, reset or invitation link opens.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "14.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The public address of the web app, which mailed links point at (e.g. <c>https://shop.example.com</c>).
    /// Empty: the address of the request that caused the mail.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The emails of platform admins. The only way to become one: never chosen at sign-in. An
    /// address here acts as admin once its owner has confirmed it and signs in.
    /// </summary>
    public List<string> Admins { get; set; } = [];

    public bool IsAdmin(string? email) =>
        email is not null && Admins.Any(a => string.Equals(a.Trim(), email, StringComparison.OrdinalIgnoreCase));

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
