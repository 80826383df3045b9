using System.Text.Json.Serialization;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Demo;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Fx;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Replays;
using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Infrastructure;
using LiveCommerce.Server.Operations;
using LiveCommerce.Server.Pipeline;
using LiveCommerce.Server.Realtime;

namespace LiveCommerce.Server;

/// <summary>The two calls Program.cs makes. Each area wires itself in one Add/Map extension.</summary>
public static class LiveCommerceHosting
{
    public static WebApplicationBuilder AddLiveCommerce(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<AppExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddLiveCommerceRateLimits();

        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });

        builder.AddLiveCommerceAuth();
        builder.AddLiveCommerceStorage();
        builder.AddLiveCommerceRealtime();
        builder.AddMedia();
        builder.AddFx();
        builder.AddCatalog();
        builder.AddPins();
        builder.AddLiveCommerceComments();
        builder.AddFlashSales();
        builder.AddAttribution();
        builder.AddLiveCommerceDemo();
        builder.AddLiveCommerceHealth();
        builder.AddLiveCommerceCors();
        builder.AddLiveCommerceForwardedHeaders();
        builder.AddSecretSafeLogging();
        return builder;
    }

    public static WebApplication MapLiveCommerce(this WebApplication app)
    {
        app.UseLiveCommerceForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseWebAssemblyDebugging();
        }

        app.UseBlazorFrameworkFiles();
        app.UseStaticFiles();
        app.UseCors(CorsRegistration.Policy);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapAuthEndpoints();
        app.MapStreamEndpoints();
        app.MapMediaEndpoints();
        app.MapFxEndpoints();
        app.MapCatalogEndpoints();
        app.MapPinEndpoints();
        app.MapReplayEndpoints();
        app.MapCommentEndpoints();
        app.MapFlashSaleEndpoints();
        app.MapOrderEndpoints();
        app.MapAttributionEndpoints();
        app.MapLiveHub();
        app.MapLiveCommerceHealth();
        app.MapFallbackToFile("index.html");
        return app;
    }
}
