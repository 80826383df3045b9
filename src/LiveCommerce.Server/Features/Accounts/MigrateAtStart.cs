using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>A context on the accounts database that knows how its nodes migrate together (Postgres: queued on a lock).</summary>
public interface IMigratesAtStart
{
    Task MigrateAsync(CancellationToken ct);
}

/// <summary>
/// Applies a context's migrations on the accounts database (the accounts' own, the order books') before the
/// node serves, under <see cref="AccountsOptions.MigrateAtStart"/> and its timeout. Nodes starting together
/// are safe: each context's <see cref="IMigratesAtStart.MigrateAsync"/> lets one node migrate while the
/// others wait and then find nothing pending. It runs in the host's "starting" phase, before any hosted
/// service starts: data protection reads its key ring from the accounts database as it starts.
/// </summary>
public sealed class MigrateAtStart<TContext>(
    IServiceScopeFactory scopes, IOptions<AccountsOptions> options, ILogger<MigrateAtStart<TContext>> logger) : IHostedLifecycleService
    where TContext : DbContext, IMigratesAtStart
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
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // Asked after migrating, not before: on an empty database the question itself fails (and
        // EF logs that as an error) since the history table is not there yet.
        await db.MigrateAsync(timeout.Token);
        var applied = (await db.Database.GetAppliedMigrationsAsync(timeout.Token)).ToList();
        MigrationLog.Migrated(logger, typeof(TContext).Name, db.Database.ProviderName, applied.Count, applied.LastOrDefault());
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static partial class MigrationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Context} on {Provider}: {Count} migration(s) applied, the last {Last}")]
    public static partial void Migrated(ILogger logger, string context, string? provider, int count, string? last);
}
