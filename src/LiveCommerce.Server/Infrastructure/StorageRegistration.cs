using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.Server.Realtime;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure;

/// <summary>Picks the adapters: Redis when <c>Redis:Configuration</c> is set, in-process otherwise.</summary>
public static class StorageRegistration
{
    public static WebApplicationBuilder AddLiveCommerceStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        if (redis.Enabled)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => RedisConnection.Connect(redis.Configuration));
            services.AddSingleton(new RedisKeys(redis.KeyPrefix));
            services.AddSingleton<IStreamStore, RedisStreamStore>();
            services.AddSingleton<RedisStreamEventLog>();
            services.AddSingleton<IStreamEventLog>(sp => new CachedStreamEventLog(
                sp.GetRequiredService<RedisStreamEventLog>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RealtimeOptions>>()));
            services.AddSingleton<IViewerPresence, RedisViewerPresence>();
        }
        else
        {
            services.AddSingleton<IStreamStore, LocalStreamStore>();
            services.AddSingleton<IStreamEventLog, LocalStreamEventLog>();
            services.AddSingleton<IViewerPresence, LocalViewerPresence>();
        }

        return builder;
    }
}
