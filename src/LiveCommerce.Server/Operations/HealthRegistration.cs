using System.Text.Json;
using LiveCommerce.Server.Infrastructure.Redis;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace LiveCommerce.Server.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: every dependency this node is
/// configured with answers (Redis, backplane, Blob), each with its reason when it does not.
/// </summary>
public static class HealthRegistration
{
    public const string Ready = "ready";

    public static WebApplicationBuilder AddLiveCommerceHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks();
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        if (redis.Enabled)
        {
            checks.AddCheck<RedisHealthCheck>("redis", tags: [Ready]);
        }

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
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), reason = e.Value.Description, ms = (int)e.Value.Duration.TotalMilliseconds }),
        }, JsonSerializerOptions.Web));
    }
}

/// <summary>Ready when Redis answers a PING within a second.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Redis is not connected; reconnecting.");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.#} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis did not answer: {e.Message}");
        }
    }
}
