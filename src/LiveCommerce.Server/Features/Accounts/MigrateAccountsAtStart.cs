using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Applies the accounts migrations before the node serves. Nodes starting together are safe: EF
/// Core (9+) takes a database-wide migration lock first (PostgreSQL: an exclusive lock on the
/// history table; SQLite: the <c>__EFMigrationsLock</c> row), so one node migrates and the others
/// find nothing pending. It runs in the host's "starting" phase, before any hosted service starts:
/// data protection's reads its key ring from the accounts database as it starts.
/// </summary>
public sealed partial class MigrateAccountsAtStart(
    IServiceScopeFactory scopes, IOptions<AccountsOptions> options, ILogger<MigrateAccountsAtStart> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateAtStart)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.MigrationTimeout);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        // Asked after migrating, not before: on an empty database the question itself fails (and
        // EF logs that as an error) since the history table is not there yet.
        await db.MigrateAsync(timeout.Token);
        var applied = (await db.Database.GetAppliedMigrationsAsync(timeout.Token)).ToList();
        LogMigrated(logger, db.Database.ProviderName, applied.Count, applied.LastOrDefault());
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Accounts database on {Provider}: {Count} migration(s) applied, the last {Last}")]
    private static partial void LogMigrated(ILogger logger, string? provider, int count, string? last);
}
