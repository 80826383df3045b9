using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Keeps one client from crowding out the others: hub calls are rate-limited per connection and
/// per account, and an account may hold only so many connections on a node. Refused calls get
/// <c>rate_limited</c> and the connection stays up. Feature limits that must hold across nodes
/// (comments, purchases) are enforced in Redis by their features; this guard is the node's own
/// first line.
/// </summary>
public sealed class HubFloodGuard : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _perConnection;
    private readonly PartitionedRateLimiter<string> _perAccount;
    private readonly ConcurrentDictionary<string, int> _connections = new();
    private readonly RealtimeOptions _options;

    public HubFloodGuard(IOptions<RealtimeOptions> options)
    {
        _options = options.Value;
        _perConnection = Bucket(_options.HubCallsPerSecondPerConnection);
        _perAccount = Bucket(_options.HubCallsPerSecondPerAccount);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using var connectionLease = _perConnection.AttemptAcquire(context.Context.ConnectionId);
        using var accountLease = _perAccount.AttemptAcquire(Account(context.Context));
        if (!connectionLease.IsAcquired || !accountLease.IsAcquired)
        {
            throw new HubException($"{ErrorCodes.RateLimited}: Too many calls; slow down.");
        }

        return await next(context);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var account = Account(context.Context);
        if (_connections.AddOrUpdate(account, 1, (_, n) => n + 1) > _options.MaxConnectionsPerAccount)
        {
            Release(account);
            context.Context.Abort();
            return;
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        Release(Account(context.Context));
        await next(context, exception);
    }

    public void Dispose()
    {
        _perConnection.Dispose();
        _perAccount.Dispose();
    }

    private void Release(string account)
    {
        if (_connections.AddOrUpdate(account, 0, (_, n) => n - 1) <= 0)
        {
            _connections.TryRemove(new KeyValuePair<string, int>(account, 0));
        }
    }

    private static string Account(HubCallerContext context) =>
        context.User?.FindFirst(AuthClaims.Subject)?.Value ?? context.ConnectionId;

    private static PartitionedRateLimiter<string> Bucket(int perSecond) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond * 2,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
