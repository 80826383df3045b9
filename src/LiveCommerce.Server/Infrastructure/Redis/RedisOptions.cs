namespace LiveCommerce.Server.Infrastructure.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. "127.0.0.1:6379". Empty: in-process stores, single node.</summary>
    public string Configuration { get; set; } = "";

    /// <summary>Prefix of every key and backplane channel, so several deployments (or test runs) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "lc";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
