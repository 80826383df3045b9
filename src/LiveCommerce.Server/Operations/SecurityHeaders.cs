namespace LiveCommerce.Server.Operations;

/// <summary>
/// Browser hardening for everything the server serves. The CSP is the strictest one Blazor
/// WebAssembly runs under: scripts only from this origin plus WebAssembly compilation, no inline
/// script; inline styles are allowed because Blazor's error UI and components set style attributes.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self' 'wasm-unsafe-eval'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: https:; " +
        "media-src 'self' https: blob:; " +
        "connect-src 'self' ws: wss: https:; " +
        "worker-src 'self' blob:; " +
        "font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next(http);
        });
}
