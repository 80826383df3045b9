using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Orders;

namespace LiveCommerce.Server.Features.FlashSales;

public static class FlashSaleRegistration
{
    /// <summary>Flash sales and orders: options, the payment provider, the reserve batcher and the background work.</summary>
    public static WebApplicationBuilder AddFlashSales(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FlashSaleOptions>().BindConfiguration(FlashSaleOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MinDuration <= o.MaxDuration, "FlashSales:MinDuration must not exceed MaxDuration.").ValidateOnStart();
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrderArchiveOptions>().BindConfiguration(OrderArchiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<SoldOutCache>();
        services.AddSingleton<SaleStreams>();
        services.AddSingleton<ReserveBatcher>();
        services.AddSingleton<ISnapshotPart, SalesSnapshotPart>();
        services.AddSingletonHostedService<FlashSaleScheduler>();
        services.AddSingletonHostedService<HoldSweeper>();
        services.AddSingletonHostedService<OrderLogReconciler>();
        services.AddSingletonHostedService<PurchaseMoments>();
        services.AddSingletonHostedService<OrderArchiver>();
        return builder;
    }
}
