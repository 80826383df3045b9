using System.Text.Encodings.Web;
using System.Text.Unicode;
using LiveCommerce.Server.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCommerce.Server.Features.FirstScreen;

/// <summary>
/// <c>GET /offline</c>: the page the service worker (<c>wwwroot/sw.js</c>) keeps and shows when a page
/// cannot load for want of a network. A whole page on its own (its style inline, as the CSP allows, no
/// script), in the visitor's language (the one picked in the app, else the browser's: <see cref="ClientText.For"/>), kept
/// again by the worker when the picked language changes.
/// </summary>
public static class ServeOfflinePage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static IEndpointRouteBuilder MapOfflinePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/offline", (HttpContext http) =>
        {
            var l = ClientText.For(http.Request);
            http.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Content(Render(l), "text/html; charset=utf-8");
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Api).WithTags("Pages");
        return app;
    }

    public static string Render(ClientText l) => $$"""
        <!DOCTYPE html>
        <html lang="{{l.Language}}">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1.0" />
          <meta name="theme-color" content="#c8102e" />
          <title>{{Html.Encode(l["You're offline"])}} · LiveCommerce</title>
          <style>
            body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #111; color: #fff;
                   font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", sans-serif; }
            main { max-width: 24rem; padding: 1.5rem; text-align: center; }
            img { width: 96px; height: 96px; border-radius: 20px; }
            a { display: inline-block; margin-top: 1rem; padding: 0.7rem 1.4rem; border-radius: 0.5rem; background: #fff; color: #111;
                font-weight: 600; text-decoration: none; }
            a:focus-visible { outline: 3px solid #ffb3c0; outline-offset: 3px; }
          </style>
        </head>
        <body>
          <main data-testid="offline-page">
            <img src="/icon-192.png" alt="" />
            <h1>{{Html.Encode(l["You're offline"])}}</h1>
            <p>{{Html.Encode(l["LiveCommerce needs a connection to show live streams and take orders. Check your connection, then try again."])}}</p>
            <a href="">{{Html.Encode(l["Try again"])}}</a>
          </main>
        </body>
        </html>
        """;
}
