using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>The books (their DbContext is registered with the accounts' provider by the host), the projector and the handlers' helpers.</summary>
public static class FulfilmentRegistration
{
    public static WebApplicationBuilder AddFulfilment(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FulfilmentOptions>().BindConfiguration(FulfilmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<MigrateAtStart<OrderBooksDbContext>>();
        builder.Services.AddSingletonHostedService<OrderBooksProjector>();
        builder.Services.AddSingleton<Restock>();
        return builder;
    }
}
