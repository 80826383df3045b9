using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using Microsoft.Extensions.Options;
using Stripe;

namespace LiveCommerce.Server.Infrastructure.Payments;

/// <summary>The payment provider, chosen once by LiveCommerceHosting from <c>Payments:Provider</c>.</summary>
public static class PaymentAdapters
{
    /// <summary>Test mode: the simulated provider, and this node registered where its webhooks go.</summary>
    public static IServiceCollection AddSimulatedPayments(this IServiceCollection services)
    {
        services.AddHostedService<SimulatedWebhookEndpoint>();
        services.AddSingleton<SimulatedPaymentProvider>();
        services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<SimulatedPaymentProvider>());
        return services;
    }

    /// <summary>Stripe through Stripe.net, at <c>Payments:Stripe:ApiBase</c> when set (tests: recorded responses on loopback).</summary>
    public static IServiceCollection AddStripePayments(this IServiceCollection services)
    {
        services.AddSingleton<IStripeClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<PaymentOptions>>().Value.Stripe;
            return new StripeClient(o.ApiKey, apiBase: o.ApiBase.Length > 0 ? o.ApiBase : null);
        });
        services.AddSingleton<IPaymentProvider, StripePaymentProvider>();
        return services;
    }
}
