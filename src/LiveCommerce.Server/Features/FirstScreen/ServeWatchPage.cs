using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCommerce.Server.Features.FirstScreen;

/// <summary>
/// <c>GET /watch/{id}</c>: the app shell with the stream's first screen already in it, so a shared link
/// shows the poster, host, title and pinned product (and a link preview gets its title and image)
/// before the .NET runtime has downloaded; the app then takes over. An unknown stream, or a store that
/// cannot answer, gets the plain shell with 200, as every other page of the app: the app itself says
/// "Stream not found" (a single-page app has no server-side 404s, and a link preview of a removed
/// stream shows the site's name).
/// </summary>
public static partial class ServeWatchPage
{
    public static IEndpointRouteBuilder MapWatchPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/watch/{id}", async Task<Results<ContentHttpResult, NotFound>> (
            string id, HttpContext http, AppShell shell, ISender sender, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (await shell.ReadAsync(ct) is not { } html)
            {
                return TypedResults.NotFound();
            }

            WatchFirstScreen? screen = null;
            try
            {
                screen = await sender.Send(new GetWatchFirstScreen(id), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNoFirstScreen(logs.CreateLogger(typeof(ServeWatchPage)), e);
            }

            // Rendered for this stream's current state: never reused from a cache.
            http.Response.Headers.CacheControl = "no-cache";
            if (screen is null)
            {
                return TypedResults.Content(html, "text/html; charset=utf-8");
            }

            var text = ClientText.For(http.Request);
            var pageUrl = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}");
            return TypedResults.Content(
                AppShell.Fill(html, text.Language, FirstScreenMarkup.Head(screen, pageUrl), FirstScreenMarkup.Body(screen, text)),
                "text/html; charset=utf-8");
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Api).WithTags("Pages");
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The watch page's first screen could not be built; serving the plain app shell")]
    private static partial void LogNoFirstScreen(ILogger logger, Exception exception);
}
