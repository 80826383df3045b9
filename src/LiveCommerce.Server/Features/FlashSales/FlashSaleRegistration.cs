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
        var production = builder.Environment.IsProduction();
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.UsesSimulated || o.UsesStripe, "Payments:Provider must be Simulated or Stripe.")
            // Test mode takes no money: a production node that forgot its provider must not sell for free.
            .Validate(o => !production || !o.UsesSimulated || o.AllowSimulatedInProduction,
                "Payments:AllowSimulatedInProduction is off and Payments:Provider is the simulated provider (test mode: no money is taken) in Production: set Payments:Provider=Stripe with its keys, or Payments:AllowSimulatedInProduction=true for a deployment that must not take money.")
            .Validate(o => !o.UsesStripe || (o.Stripe.ApiKey.Length > 0 && o.Stripe.WebhookSecret.Length > 0),
                "Payments:Stripe:ApiKey and Payments:Stripe:WebhookSecret are required with Payments:Provider=Stripe.")
            .ValidateOnStart();
        services.AddSingleton<PaymentSettlement>();
        services.AddOptions<OrderArchiveOptions>().BindConfiguration(OrderArchiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<SoldOutCache>();
        services.AddSingleton<SaleStreams>();
        services.AddSingleton<ReserveBatcher>();
        services.AddSingleton<ISnapshotPart, SalesSnapshotPart>();
        services.AddSingletonHostedService<FlashSaleScheduler>();
        services.AddSingletonHostedService<HoldSweeper>();
        services.AddSingletonHostedService<OrderLogReconciler>();
        services.AddSingletonHostedService<PaymentReconciler>();
        services.AddSingletonHostedService<PurchaseMoments>();
        services.AddSingletonHostedService<OrderArchiver>();
        return builder;
    }
}
