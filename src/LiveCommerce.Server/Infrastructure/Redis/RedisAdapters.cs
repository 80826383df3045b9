using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Operations;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>
/// Every store on Redis: what several nodes share, and its readiness check (<c>redis</c>). Chosen by the
/// host when <c>Redis:Configuration</c> is set.
/// </summary>
public static class RedisAdapters
{
    public static IServiceCollection AddRedisAdapters(this IServiceCollection services, RedisOptions redis)
    {
        services.AddSingleton<IConnectionMultiplexer>(_ => RedisConnection.Connect(redis.Configuration));
        services.AddSingleton(new RedisKeys(redis.KeyPrefix));

        services.AddSingleton<IStreamStore, RedisStreamStore>();
        services.AddHostedService<RedisHostListBackfill>();
        services.AddSingleton<IIngestStore, RedisIngestStore>();
        services.AddSingleton<RedisStreamEventLog>();
        services.AddSingleton<IStreamEventLog>(sp => new CachedStreamEventLog(
            sp.GetRequiredService<RedisStreamEventLog>(), sp.GetRequiredService<IOptions<RealtimeOptions>>()));
        services.AddSingleton<IViewerPresence, RedisViewerPresence>();
        services.AddSingleton<ICatalogStore, RedisCatalogStore>();
        services.AddSingleton<IPinStore, RedisPinStore>();
        services.AddSingleton<ICommentStore, RedisCommentStore>();
        services.AddSingleton<IModerationStore, RedisModerationStore>();
        services.AddSingleton<IReactionTally, RedisReactionTally>();
        services.AddSingleton<IFlashSaleInventory, RedisFlashSaleInventory>();
        services.AddSingleton<ISaleSchedule, RedisSaleSchedule>();
        services.AddSingleton<IOrderLog, RedisOrderLog>();
        services.AddSingleton<IShareLinkStore, RedisShareLinkStore>();
        services.AddSingleton<IEarningsStore, RedisEarningsStore>();
        services.AddSingleton<IAudienceStore, RedisAudienceStore>();
        services.AddSingleton<IPaymentEventInbox, RedisPaymentEventInbox>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthRegistration.Ready]);
        return services;
    }
}
