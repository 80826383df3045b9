using StackExchange.Redis;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// The Redis backplane's own multiplexer (captured through its ConnectionFactory) and a channel only
/// this node subscribes to on it, so readiness can tell whether this node's subscriptions are live
/// (after a Redis restart the multiplexer reconnects first and subscribes again after).
/// </summary>
public sealed class BackplaneConnection(string channelPrefix)
{
    public string ChannelPrefix { get; } = channelPrefix;

    /// <summary>Subscribed with the backplane's own channels, on the same connection; a PUBLISH to it counts this node alone.</summary>
    public RedisChannel ProbeChannel { get; } = RedisChannel.Literal(channelPrefix + ":probe:" + Guid.NewGuid().ToString("N"));

    /// <summary>Null until the backplane has made its first connection attempt.</summary>
    public IConnectionMultiplexer? Connection
    {
        get => Volatile.Read(ref _connection);
        private set => Volatile.Write(ref _connection, value);
    }

    private IConnectionMultiplexer? _connection;

    /// <summary>
    /// Keeps the backplane's connection and subscribes this node's probe on it. The multiplexer records
    /// the subscription before sending it and restores it on every (re)connect, with the backplane's
    /// own. Fire-and-forget, so a node started while Redis is down still becomes ready: an awaited
    /// SUBSCRIBE would time out and fail the backplane's connection for good (docs/OPERATIONS.md,
    /// "Health endpoints"; ReadinessTests).
    /// </summary>
    public void Attach(IConnectionMultiplexer connection)
    {
        connection.GetSubscriber().Subscribe(ProbeChannel, static (_, _) => { }, CommandFlags.FireAndForget);
        Connection = connection;
    }
}
