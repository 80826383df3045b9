using StackExchange.Redis;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// The Redis backplane's own multiplexer (captured through its ConnectionFactory) and the channel
/// every node subscribes to for <c>Clients.All</c>: <c>{prefix}{hub type}:all</c>, as
/// RedisHubLifetimeManager names it.
/// </summary>
public sealed class BackplaneConnection(string channelPrefix, string hubTypeName)
{
    public string ChannelPrefix { get; } = channelPrefix;

    public RedisChannel AllChannel { get; } = RedisChannel.Literal(channelPrefix + hubTypeName + ":all");

    /// <summary>Null until the backplane has made its first connection attempt.</summary>
    public IConnectionMultiplexer? Connection
    {
        get => Volatile.Read(ref _connection);
        set => Volatile.Write(ref _connection, value);
    }

    private IConnectionMultiplexer? _connection;
}
