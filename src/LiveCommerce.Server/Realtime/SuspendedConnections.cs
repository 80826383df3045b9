using System.Collections.Concurrent;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Admin;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Closes the live connections of an account as soon as this node learns it is suspended (a new one
/// is already refused when its token is checked). Knows this node's connections by account.
/// </summary>
public sealed class SuspendedConnections : IHubFilter
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byUser = new(StringComparer.Ordinal);
    private readonly SuspendedAccounts _suspended;

    public SuspendedConnections(SuspendedAccounts suspended)
    {
        _suspended = suspended;
        suspended.Suspended += Close;
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = context.Context;
        if (caller.User?.FindFirst(AuthClaims.Subject)?.Value is { } userId)
        {
            _byUser.GetOrAdd(userId, _ => new(StringComparer.Ordinal))[caller.ConnectionId] = caller;
            // Suspended between the token check and here.
            if (_suspended.IsSuspended(userId))
            {
                caller.Abort();
            }
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        var caller = context.Context;
        if (caller.User?.FindFirst(AuthClaims.Subject)?.Value is { } userId && _byUser.TryGetValue(userId, out var connections))
        {
            connections.TryRemove(caller.ConnectionId, out _);
            if (connections.IsEmpty)
            {
                _byUser.TryRemove(KeyValuePair.Create(userId, connections));
            }
        }

        await next(context, exception);
    }

    private void Close(IReadOnlyCollection<string> userIds)
    {
        foreach (var userId in userIds)
        {
            if (_byUser.TryGetValue(userId, out var connections))
            {
                foreach (var caller in connections.Values)
                {
                    caller.Abort();
                }
            }
        }
    }
}
