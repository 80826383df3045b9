using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.Server.Realtime;

namespace LiveCommerce.Server.Features.FlashSales;

public static class FlashSaleRegistration
{
    /// <summary>Flash sales and orders: Redis adapters when Redis is configured, in-process twins otherwise.</summary>
    public static WebApplicationBuilder AddFlashSales(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FlashSaleOptions>().BindConfiguration(FlashSaleOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MinDuration <= o.MaxDuration, "FlashSales:MinDuration must not exceed MaxDuration.").ValidateOnStart();
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrderArchiveOptions>().BindConfiguration(OrderArchiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        if (redis.Enabled)
        {
            services.AddSingleton<IFlashSaleInventory, RedisFlashSaleInventory>();
            services.AddSingleton<ISaleSchedule, RedisSaleSchedule>();
            services.AddSingleton<IOrderLog, RedisOrderLog>();
        }
        else
        {
            services.AddSingleton<IFlashSaleInventory, LocalFlashSaleInventory>();
            services.AddSingleton<ISaleSchedule, LocalSaleSchedule>();
            services.AddSingleton<IOrderLog, LocalOrderLog>();
        }

        var blob = builder.Configuration.GetSection(Media.BlobOptions.Section).Get<Media.BlobOptions>() ?? new();
        if (blob.UsesBlob)
        {
            services.AddSingleton<IOrderArchive>(new Infrastructure.Blob.BlobOrderArchive(blob.ConnectionString, blob.Container));
        }
        else
        {
            services.AddSingleton<IOrderArchive, LocalFolderOrderArchive>();
        }

        services.AddSingleton<IPaymentProvider, SimulatedPaymentProvider>();
        services.AddSingleton<IBuyerProfiles, DemoBuyerProfiles>();
        services.AddSingleton<SoldOutCache>();
        services.AddSingleton<SaleStreams>();
        services.AddSingleton<ReserveBatcher>();
        services.AddSingleton<ISnapshotPart, SalesSnapshotPart>();
        services.AddSingletonHostedService<FlashSaleScheduler>();
        services.AddSingletonHostedService<HoldSweeper>();
        services.AddSingletonHostedService<OrderLogReconciler>();
        services.AddSingletonHostedService<PurchaseMoments>();
        services.AddSingletonHostedService<OrderArchiver>();
        services.AddFlashSaleRealtime();
        return builder;
    }

    /// <summary>One instance, both injectable (tests drive ticks directly) and run as a hosted service.</summary>
    private static void AddSingletonHostedService<T>(this IServiceCollection services)
        where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
    }
}
