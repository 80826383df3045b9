using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// Applies the books' migrations (their own history table) before the node serves, right after the
/// accounts' ones and under the same settings (<see cref="AccountsOptions.MigrateAtStart"/>): the same database.
/// </summary>
public sealed partial class MigrateOrderBooksAtStart(
    IServiceScopeFactory scopes, IOptions<AccountsOptions> options, ILogger<MigrateOrderBooksAtStart> logger) : IHostedLifecycleService
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
        var db = scope.ServiceProvider.GetRequiredService<OrderBooksDbContext>();
        await db.MigrateAsync(timeout.Token);
        var applied = (await db.Database.GetAppliedMigrationsAsync(timeout.Token)).ToList();
        LogMigrated(logger, db.Database.ProviderName, applied.Count, applied.LastOrDefault());
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Order books on {Provider}: {Count} migration(s) applied, the last {Last}")]
    private static partial void LogMigrated(ILogger logger, string? provider, int count, string? last);
}
