using Microsoft.AspNetCore.StaticAssets;

namespace LiveCommerce.Server.Operations;

/// <summary>
/// A returning viewer's browser keeps the .NET runtime instead of asking for each of its ~100 files again.
/// The client asks for every runtime file with its content hash in the query (<c>?v=sha256-…</c>, from the
/// boot config: wwwroot/js/start.js), so that URL names one content forever, and it is answered
/// <c>immutable</c> — but only when the hash is the one of the file this node serves (its static-asset
/// integrity), so an old node in a rolling deploy, or a made-up hash, never gets a file cached under a
/// name that is not its own. Everything else keeps the manifest's <c>no-cache</c> (revalidated each visit).
/// docs/BENCHMARKS.md, "firstload", has the repeat visit before and after.
/// </summary>
public static class RuntimeFileCaching
{
    private const string VersionQuery = "v";

    public static IApplicationBuilder UseImmutableRuntimeFiles(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/_framework") && http.Request.Query[VersionQuery] is [{ Length: > 0 } version])
            {
                http.Response.OnStarting(() =>
                {
                    if (http.Response.StatusCode == StatusCodes.Status200OK && IntegrityOf(http) == version)
                    {
                        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    }

                    return Task.CompletedTask;
                });
            }

            return next(http);
        });

    /// <summary>The served file's SHA-256 as the build recorded it (the same for its Brotli and gzip copies).</summary>
    private static string? IntegrityOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>()?.Properties
            .FirstOrDefault(p => p.Name == "integrity")?.Value;
}
