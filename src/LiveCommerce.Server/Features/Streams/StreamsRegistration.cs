using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

public static class StreamsRegistration
{
    public static WebApplicationBuilder AddStreams(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<VideoOptions>().BindConfiguration(VideoOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.UsesEngine || VideoOptions.IsUsableSecret(o.Secret), "Video:Secret must be at least 32 characters of A-Z, a-z, 0-9, '-' and '_' when a video engine is configured (it travels in the engine's callback URLs).")
            .ValidateOnStart();
        services.AddSingleton<StreamKeys>();
        services.AddSingleton<StreamEnding>();
        services.AddOptions<BrowserIngestOptions>().BindConfiguration(BrowserIngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublishFromBrowser>();
        services.AddSingleton<ISnapshotPart, IngestSnapshotPart>();
        services.AddSingleton<EndStreamsWithoutEncoder>();
        services.AddHostedService(sp => sp.GetRequiredService<EndStreamsWithoutEncoder>());
        return builder;
    }

    /// <summary>The host's ingest settings, and the media engine's callbacks.</summary>
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/streams/{id}/ingest").WithTags("Streams").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        group.MapGet("/", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetIngest(Actor.From(user), id), ct)));
        group.MapPost("/rotate", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RotateIngestKey(Actor.From(user), id), ct)));

        // The studio's camera: a WebSocket, so a pipeline of its own with the WebSocket middleware, as
        // SignalR's endpoints do (the app's pipeline has none). Pings find a browser that vanished.
        var browser = app.CreateApplicationBuilder()
            .UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(10), KeepAliveTimeout = TimeSpan.FromSeconds(20) });
        browser.Run(http => http.RequestServices.GetRequiredService<PublishFromBrowser>().HandleAsync(http));
        group.Map("/browser", browser.Build()).WithName(nameof(PublishFromBrowser));

        // nginx-rtmp posts a form (name, clientid, call, the publish URL's arguments, path) and
        // treats any 2xx as yes; anything else refuses the encoder (on_publish) or drops it (on_update).
        app.MapPost("/api/video/engine/{callback}", async (string callback, string? secret, HttpRequest http, StreamKeys keys, ISender sender, CancellationToken ct) =>
        {
            if (!keys.IsEngine(secret))
            {
                throw AppException.Forbidden(ErrorCodes.EngineCallbackRefused, "Only the media engine may call this.");
            }

            var form = await http.ReadFormAsync(ct);
            var streamId = form["name"].ToString();
            var publisher = form["clientid"].ToString();
            var key = form["key"].ToString();
            switch (callback)
            {
                case "publish":
                    await sender.Send(new ApprovePublisher(streamId, key, publisher), ct);
                    break;
                case "publish-done":
                    await sender.Send(new PublisherLeft(streamId, publisher), ct);
                    break;
                case "update" when form["call"] == "update_publish":
                    await sender.Send(new CheckPublisher(streamId, key, publisher), ct);
                    break;
                case "update":
                    break;
                case "record-done":
                    await sender.Send(new RecordingDone(streamId, form["path"].ToString()), ct);
                    break;
                default:
                    throw new AppException(ErrorCodes.ValidationFailed, "No such engine callback.");
            }

            return TypedResults.NoContent();
        }).AllowAnonymous().DisableAntiforgery().WithTags("Video engine");
        return app;
    }
}
