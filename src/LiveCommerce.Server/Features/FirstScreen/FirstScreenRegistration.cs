namespace LiveCommerce.Server.Features.FirstScreen;

/// <summary>Pages the server renders itself, before (or without) the app: the watch page's first screen and the offline page.</summary>
public static class FirstScreenRegistration
{
    public static WebApplicationBuilder AddFirstScreen(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AppShell>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFirstScreenPages(this IEndpointRouteBuilder app) => app.MapWatchPage().MapOfflinePage();
}
