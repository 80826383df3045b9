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
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next(http);
        });
}
