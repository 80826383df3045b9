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
        var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(logger, pending.Count, db.Database.ProviderName, string.Join(", ", pending));
        }

        await db.MigrateAsync(timeout.Token);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} accounts migration(s) on {Provider}: {Migrations}")]
    private static partial void LogMigrating(ILogger logger, int count, string? provider, string migrations);
}
