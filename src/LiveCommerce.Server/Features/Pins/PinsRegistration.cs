using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Pins;

public static class PinsRegistration
{
    public static WebApplicationBuilder AddPins(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PinOptions>().BindConfiguration(PinOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<ISnapshotPart, PinsSnapshotPart>();
        services.AddSingleton<PinExpirySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<PinExpirySweeper>());
        return builder;
    }

    public static IEndpointRouteBuilder MapPinEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/streams/{id}/showcase").WithTags("Pins").RequireRateLimiting(RateLimits.Api);
        group.MapGet("/", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetShowcase(id), ct))).AllowAnonymous();
        group.MapPut("/", async (string id, ShowcaseRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetShowcase(Actor.From(user), id, request), ct))).RequireAuthorization();
        return app;
    }
}
