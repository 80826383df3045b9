using LiveCommerce.Server.Features.Streams;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Operations;

/// <summary>
/// Browser hardening for everything the server serves. The CSP is the strictest one Blazor
/// WebAssembly runs under: scripts only from this origin plus WebAssembly compilation, no inline
/// script; inline styles are allowed because Blazor's error UI and components set style attributes.
/// Video may also come from the engine's own origin (<see cref="VideoEngineOptions.PlaybackBaseUrl"/>),
/// which a single-box or test deployment serves over plain http on another port.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy, with <paramref name="playbackOrigin"/> (e.g. <c>http://127.0.0.1:8088</c>) allowed
    /// as a media source (native HLS) and a connect source (hls.js fetches playlists and segments).
    /// </summary>
    public static string ContentSecurityPolicy(string? playbackOrigin)
    {
        var video = playbackOrigin is null ? "" : " " + playbackOrigin;
        return "default-src 'self'; " +
            "script-src 'self' 'wasm-unsafe-eval'; " +
            "style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data: https:; " +
            $"media-src 'self' https: blob:{video}; " +
            $"connect-src 'self' ws: wss: https:{video}; " +
            "worker-src 'self' blob:; " +
            "font-src 'self'; " +
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /// <summary>
    /// The origin of an absolute http(s) playback URL; null for a path on this origin (<c>/hls</c>),
    /// which <c>'self'</c> already covers. Only scheme, host and port survive, so nothing from the
    /// setting (user info, path, query) can reach the header or add a directive to it.
    /// </summary>
    public static string? PlaybackOrigin(string? playbackBaseUrl) =>
        Uri.TryCreate(playbackBaseUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? $"{url.Scheme}://{url.Authority}"
            : null;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.UseSecurityHeaders(ContentSecurityPolicy(
            PlaybackOrigin(app.ApplicationServices.GetRequiredService<IOptions<VideoOptions>>().Value.Engine.PlaybackBaseUrl)));

    private static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string contentSecurityPolicy) =>
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = PermissionsPolicyFor(http.Request.Path);
            return next(http);
        });

    /// <summary>
    /// Camera and microphone only on the studio, where a host goes live from the browser; nowhere else.
    /// The policy belongs to the document that was loaded, and the client is a single-page app: a host who
    /// opened the home page and clicked through to the studio still runs under the home page's policy.
    /// So the studio's "go live from this browser" reloads the studio as a full document when the loaded
    /// one forbids the camera (BrowserBroadcast.razor); that load is answered here with the permissive
    /// policy. Only /studio paths get it, so a watch or shop page opened directly can never use the camera.
    /// </summary>
    public static string PermissionsPolicyFor(PathString path) =>
        path.StartsWithSegments("/studio", StringComparison.OrdinalIgnoreCase)
            ? "camera=(self), microphone=(self), geolocation=()"
            : "camera=(), microphone=(), geolocation=()";
}
