using System.Diagnostics;
using Npgsql;

namespace LiveCommerce.TestKit;

/// <summary>
/// The PostgreSQL server the suite shares: the throwaway cluster ./test.sh started
/// (LIVECOMMERCE_TEST_POSTGRES, a connection string), or else one started here through
/// infra/postgres.sh and stopped when the test process exits. Tests isolate themselves by database:
/// <see cref="CreateDatabaseAsync"/> gives each its own, empty.
/// </summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    public static Task<string> ConnectionStringAsync() => Server.Value;

    /// <summary>CREATE DATABASE with a name no other test uses; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await Server.Value;
        var name = "lc_t" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing what still uses it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync(await Server.Value, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("LIVECOMMERCE_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        var script = FindScript() ?? throw new InvalidOperationException(
            "LIVECOMMERCE_TEST_POSTGRES is not set and infra/postgres.sh was not found: run ./test.sh.");
        var dataDir = Directory.CreateTempSubdirectory("lc-postgres-").FullName;
        // Run as root, the script hands the cluster's folder to the postgres user, who must reach it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        var connectionString = (await RunAsync(script, dataDir, "start")).Trim();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RunAsync(script, dataDir, "stop").GetAwaiter().GetResult();
            Directory.Delete(dataDir, recursive: true);
        };
        return connectionString;
    }

    private static async Task<string> RunAsync(string script, string dataDir, string verb)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(verb);
        start.Environment["LC_DATA_DIR"] = dataDir;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra/postgres.sh {verb} failed ({process.ExitCode}): {await errors}");
        }

        return await output;
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "infra", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
