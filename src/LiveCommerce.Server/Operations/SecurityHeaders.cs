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
