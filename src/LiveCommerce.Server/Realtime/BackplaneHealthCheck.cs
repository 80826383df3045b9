using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Ready when the backplane's own connection answers a PING and this node's subscriptions on it are
/// live: a PUBLISH to this node's probe channel (<see cref="BackplaneConnection.ProbeChannel"/>)
/// reaches a subscriber. A node whose subscriptions are not (yet) restored would miss what other
/// nodes send its viewers.
/// </summary>
public sealed class BackplaneHealthCheck(BackplaneConnection backplane) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connection = backplane.Connection;
        if (connection is null)
        {
            return HealthCheckResult.Unhealthy("The SignalR backplane has not connected yet.");
        }

        if (!connection.IsConnected)
        {
            return HealthCheckResult.Unhealthy("The SignalR backplane is not connected to Redis; reconnecting.");
        }

        try
        {
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            var heard = await connection.GetSubscriber().PublishAsync(backplane.ProbeChannel, "ready?").WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            return heard > 0
                ? HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.#} ms, this node's subscriptions are live")
                : HealthCheckResult.Unhealthy("The backplane is connected but this node's subscriptions are not restored yet.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"The SignalR backplane did not answer: {e.Message}");
        }
    }
}
