using LiveCommerce.Client.Auth;
using LiveCommerce.Contracts;
using LiveCommerce.Client.Features.Shopping;
using LiveCommerce.Client.Features.Streams;
using LiveCommerce.Client.Realtime;
using LiveCommerce.Client.Shared;

namespace LiveCommerce.Client;

/// <summary>The client's wiring, one call per area, like the server's <c>AddLiveCommerce</c>.</summary>
public static class ClientServices
{
    public static IServiceCollection AddLiveCommerceClient(this IServiceCollection services, Uri origin)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ApiOrigin(origin));
        services.AddSingleton(sp => new HttpClient { BaseAddress = origin });

        services.AddLiveCommerceAuth();
        services.AddLiveCommerceRealtime();
        services.AddLiveCommerceStreams();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<FxApi>();
        services.AddSingleton<CatalogApi>();
        services.AddSingleton<Features.Sales.SalesApi>();
        services.AddSingleton<Features.Sales.HoldMemory>();
        services.AddSingleton<Features.Shipping.ShippingApi>();
        services.AddSingleton<Features.Console.FulfilmentApi>();
        services.AddSingleton<Features.Reports.ReportsApi>();
        services.AddSingleton<Features.Reports.ShareTouchClaims>();
        services.AddSingleton<Features.Studio.ModerationApi>();
        services.AddSingleton<Features.Studio.IngestApi>();
        services.AddSingleton<CurrencyPreference>();
        services.AddSingleton<Features.Admin.AdminApi>();
        return services;
    }

    private static IServiceCollection AddLiveCommerceAuth(this IServiceCollection services)
    {
        services.AddSingleton<AuthApi>();
        services.AddSingleton<AuthSession>();
        services.AddSingleton<ApiClient>();
        services.AddSingleton<Features.Accounts.AccountApi>();
        return services;
    }

    private static IServiceCollection AddLiveCommerceRealtime(this IServiceCollection services)
    {
        services.AddSingleton<BrowserNetwork>();
        services.AddSingleton<LiveHubConnection>();
        services.AddSingleton<ILivePushes>(sp => sp.GetRequiredService<LiveHubConnection>());
        services.AddSingleton(sp => sp.GetRequiredService<LiveHubConnection>().Hub);
        return services;
    }

    private static IServiceCollection AddLiveCommerceStreams(this IServiceCollection services)
    {
        services.AddSingleton<StreamsApi>();
        services.AddSingleton<Reminders>();
        return services;
    }
}
