using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveCommerce.Server.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: every dependency this node is
/// configured with answers, each with its reason when it does not. The checks come with the adapters
/// the host chose (<c>LiveCommerceHosting.AddAdapters</c>), tagged <see cref="Ready"/>: Redis
/// (<c>AddRedisAdapters</c>) and the backplane (Realtime, when the Redis backplane carries the groups)
/// are the live path: without them the node answers 503 and the load balancer sends viewers
/// elsewhere. Blob (<c>AddBlobAdapters</c>) only carries uploads, posters and replays, so a Blob
/// outage reports <c>Degraded</c> (still 200): taking every node out of rotation because images
/// cannot be uploaded would stop the streams that still work. PostgreSQL (<c>AddPostgresAdapters</c>)
/// is checked only when configured; the SQLite file of a node with nothing installed is not a
/// dependency to wait for.
/// </summary>
public static class HealthRegistration
{
    /// <summary>The tag of every check <c>/health/ready</c> runs.</summary>
    public const string Ready = "ready";

    public static WebApplicationBuilder AddLiveCommerceHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static IEndpointRouteBuilder MapLiveCommerceHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), reason = e.Value.Description, ms = (int)e.Value.Duration.TotalMilliseconds }),
        }, JsonSerializerOptions.Web));
    }
}
