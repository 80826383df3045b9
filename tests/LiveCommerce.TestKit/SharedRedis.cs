using LiveCommerce.Server.Infrastructure.Redis;
using StackExchange.Redis;

namespace LiveCommerce.TestKit;

/// <summary>
/// The Redis the suite shares: the one ./test.sh started (LIVECOMMERCE_TEST_REDIS), or else one
/// started here on a free port. Tests isolate themselves by key prefix, not by database.
/// </summary>
public static class SharedRedis
{
    private static readonly Lazy<Task<string>> Address = new(async () =>
    {
        if (Environment.GetEnvironmentVariable("LIVECOMMERCE_TEST_REDIS") is { Length: > 0 } configured)
        {
            return configured;
        }

        var own = await RedisServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => own.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return own.Configuration;
    });

    private static readonly Lazy<Task<IConnectionMultiplexer>> Connection = new(async () =>
        RedisConnection.Connect(await Address.Value));

    public static Task<string> ConfigurationAsync() => Address.Value;

    /// <summary>One multiplexer for adapter-level tests, as a node would hold.</summary>
    public static Task<IConnectionMultiplexer> ConnectionAsync() => Connection.Value;

    /// <summary>A key prefix no other test uses.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
