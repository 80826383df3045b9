using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>The books (their DbContext is registered with the accounts' provider by the host), the projector and the handlers' helpers.</summary>
public static class FulfilmentRegistration
{
    public static WebApplicationBuilder AddFulfilment(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FulfilmentOptions>().BindConfiguration(FulfilmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<MigrateOrderBooksAtStart>();
        builder.Services.AddSingletonHostedService<OrderBooksProjector>();
        builder.Services.AddSingleton<Restock>();
        return builder;
    }
}
