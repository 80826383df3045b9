using System.Collections.Frozen;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Admin;

/// <summary>
/// Which accounts are suspended, as this node knows it: asked on every authenticated request and hub
/// connection, so it is a set in memory, read again from the accounts database every
/// <see cref="AdminOptions.SuspensionRefresh"/> (access tokens live 10 minutes; waiting them out is too long).
/// </summary>
public sealed partial class SuspendedAccounts(IServiceScopeFactory scopes, IOptions<AdminOptions> options, TimeProvider clock, ILogger<SuspendedAccounts> logger)
    : PeriodicWork(clock, logger)
{
    private readonly Lock _gate = new();
    private FrozenSet<string> _ids = FrozenSet<string>.Empty;

    /// <summary>Raised with the ids this node has just learned are suspended (Realtime closes their connections).</summary>
    public event Action<IReadOnlyCollection<string>>? Suspended;

    protected override TimeSpan Interval => options.Value.SuspensionRefresh;

    public bool IsSuspended(string userId) => Volatile.Read(ref _ids).Contains(userId);

    /// <summary>This node suspended the account: it acts here at once.</summary>
    public void Add(string userId) => Replace(current => current.Append(userId));

    public void Remove(string userId) => Replace(current => current.Where(id => id != userId));

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var ids = await work.Db.Users.AsNoTracking().Where(u => u.SuspendedAt != null).Select(u => u.Id).ToListAsync(ct);
        Replace(_ => ids);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fresh database before its migrations: the first tick reads it.
            LogFirstReadFailed(Logger, e);
        }

        await base.StartAsync(cancellationToken);
    }

    private void Replace(Func<FrozenSet<string>, IEnumerable<string>> change)
    {
        string[] added;
        lock (_gate)
        {
            var next = change(_ids).ToFrozenSet(StringComparer.Ordinal);
            added = next.Where(id => !_ids.Contains(id)).ToArray();
            Volatile.Write(ref _ids, next);
        }

        if (added.Length > 0)
        {
            Suspended?.Invoke(added);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Suspended accounts not read at start; the next tick reads them")]
    private static partial void LogFirstReadFailed(ILogger logger, Exception exception);
}
