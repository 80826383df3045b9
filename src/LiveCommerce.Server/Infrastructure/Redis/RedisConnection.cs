using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>
/// One multiplexer per node for all stores: it pipelines concurrent async calls, so more
/// connections would only cost more. (The SignalR backplane keeps its own, for pub/sub.)
/// </summary>
public static class RedisConnection
{
    public static ConnectionMultiplexer Connect(string configuration)
    {
        var config = ConfigurationOptions.Parse(configuration);
        // Start even when Redis is down, and keep reconnecting: readiness reports it meanwhile.
        config.AbortOnConnectFail = false;
        config.ClientName ??= "livecommerce";
        return ConnectionMultiplexer.Connect(config);
    }
}
