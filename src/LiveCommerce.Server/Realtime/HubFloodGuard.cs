using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
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
/// <remarks>
/// Each connection finds its two buckets in its own <c>Items</c>, so a call costs two small locks
/// and no lookup; buckets refill from the elapsed time when taken from, so no timer sweeps every
/// connection's bucket (docs/BENCHMARKS.md, "Flood guard buckets").
/// </remarks>
public sealed class HubFloodGuard(IOptions<RealtimeOptions> options, TimeProvider clock) : IHubFilter
{
    private static readonly object ConnectionKey = new();
    private static readonly object AccountKey = new();

    /// <summary>Disconnects between sweeps of accounts that left and have rested.</summary>
    private const int SweepEvery = 1024;

    private readonly RealtimeOptions _options = options.Value;
    private readonly Dictionary<string, Account> _accounts = [];
    private readonly Lock _accountsLock = new();
    private long _disconnects;

    /// <summary>Not async: a call let through adds no frame of its own to wait in (a flash-sale rush keeps thousands of calls waiting).</summary>
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = context.Context.Items;
        var now = clock.GetTimestamp();
        // Both buckets are taken from, so a refused call still costs the caller (no free retries).
        // A connection refused at connect has no buckets: its calls are refused until it is gone.
        var connectionOk = items.TryGetValue(ConnectionKey, out var c) && c is CallBucket connection && connection.TryTake(now, clock.TimestampFrequency);
        var accountOk = items.TryGetValue(AccountKey, out var a) && a is Account account && account.Calls.TryTake(now, clock.TimestampFrequency);
        if (!connectionOk || !accountOk)
        {
            throw new HubException($"{ErrorCodes.RateLimited}: Too many calls; slow down.");
        }

        return next(context);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var name = AccountName(context.Context);
        Account account;
        lock (_accountsLock)
        {
            if (!_accounts.TryGetValue(name, out account!))
            {
                account = new Account(NewBucket(_options.HubCallsPerSecondPerAccount));
                _accounts[name] = account;
            }

            if (account.Connections >= _options.MaxConnectionsPerAccount)
            {
                // Not counted, so its disconnect (which SignalR still reports) releases nothing.
                context.Context.Abort();
                return;
            }

            account.Connections++;
        }

        context.Context.Items[AccountKey] = account;
        context.Context.Items[ConnectionKey] = NewBucket(_options.HubCallsPerSecondPerConnection);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.Remove(AccountKey, out var counted) && counted is Account account)
        {
            lock (_accountsLock)
            {
                // The account stays, calls spent and all, so reconnecting does not refill its bucket.
                account.Connections--;
                if (++_disconnects % SweepEvery == 0)
                {
                    ForgetRestedAccounts();
                }
            }
        }

        await next(context, exception);
    }

    /// <summary>Under the lock: drops accounts with no connection whose bucket has refilled (nothing left to remember).</summary>
    private void ForgetRestedAccounts()
    {
        var now = clock.GetTimestamp();
        foreach (var (name, account) in _accounts)
        {
            if (account.Connections == 0 && account.Calls.IsFull(now, clock.TimestampFrequency))
            {
                _accounts.Remove(name);
            }
        }
    }

    private CallBucket NewBucket(int perSecond) => new(perSecond, clock.GetTimestamp());

    private static string AccountName(HubCallerContext context) =>
        context.User?.FindFirst(AuthClaims.Subject)?.Value ?? context.ConnectionId;

    /// <summary>An account's connections on this node and the calls they share.</summary>
    private sealed class Account(CallBucket calls)
    {
        public CallBucket Calls { get; } = calls;

        /// <summary>Guarded by the guard's accounts lock.</summary>
        public int Connections { get; set; }
    }
}

/// <summary>
/// A token bucket of <c>perSecond</c> calls a second with bursts of twice that, refilled from the
/// time elapsed since it was last taken from (no timer).
/// </summary>
public sealed class CallBucket(int perSecond, long createdAt)
{
    private readonly Lock _lock = new();
    private readonly double _capacity = perSecond * 2.0;
    private double _tokens = perSecond * 2.0;
    private long _refilledAt = createdAt;

    /// <param name="now">A timestamp of the clock that made <c>createdAt</c>.</param>
    /// <param name="frequency">That clock's ticks per second.</param>
    public bool TryTake(long now, long frequency)
    {
        lock (_lock)
        {
            Refill(now, frequency);
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }

    /// <summary>Whether no call has been spent that has not come back by <paramref name="now"/>.</summary>
    public bool IsFull(long now, long frequency)
    {
        lock (_lock)
        {
            Refill(now, frequency);
            return _tokens >= _capacity;
        }
    }

    private void Refill(long now, long frequency)
    {
        if (now > _refilledAt)
        {
            _tokens = Math.Min(_capacity, _tokens + (now - _refilledAt) * (double)perSecond / frequency);
            _refilledAt = now;
        }
    }
}
