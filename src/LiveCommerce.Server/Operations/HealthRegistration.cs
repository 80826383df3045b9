using System.Text.Json;
using Azure.Storage.Blobs;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Infrastructure.Blob;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.Server.Realtime;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveCommerce.Server.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: every dependency this node is
/// configured with answers (Redis, backplane, PostgreSQL, Blob), each with its reason when it does not.
/// Redis and the backplane are the live path: without them the node answers 503 and the load
/// balancer sends viewers elsewhere. Blob only carries uploads, posters and replays, so a Blob
/// outage reports <c>Degraded</c> (still 200): taking every node out of rotation because images
/// cannot be uploaded would stop the streams that still work. PostgreSQL (accounts) is checked only
/// when configured; the SQLite file of a node with nothing installed is not a dependency to wait for.
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

        if (redis.Enabled && string.IsNullOrWhiteSpace(builder.Configuration[RealtimeRegistration.AzureSignalRConnectionStringKey]))
        {
            checks.AddCheck<BackplaneHealthCheck>("backplane", tags: [Ready]);
        }

        if (AccountsOptions.PostgresConnectionString(builder.Configuration) is not null)
        {
            checks.AddCheck<PostgresHealthCheck>("postgres", tags: [Ready]);
        }

        var blob = builder.Configuration.GetSection(BlobOptions.Section).Get<BlobOptions>() ?? new();
        if (blob.UsesBlob)
        {
            checks.AddCheck<BlobHealthCheck>("blob", failureStatus: HealthStatus.Degraded, tags: [Ready]);
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

/// <summary>
/// Ready when the backplane's own connection answers a PING and this node's subscriptions on it are
/// live: a PUBLISH to this node's probe channel (<see cref="BackplaneConnection.ProbeChannel"/>)
/// reaches a subscriber. A node whose subscriptions are not (yet) restored would miss what other
/// nodes send its viewers.
/// </summary>
public sealed class BackplaneHealthCheck(BackplaneConnection backplane) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connection = backplane.Connection;
        if (connection is null)
        {
            return HealthCheckResult.Unhealthy("The SignalR backplane has not connected yet.");
        }

        if (!connection.IsConnected)
        {
            return HealthCheckResult.Unhealthy("The SignalR backplane is not connected to Redis; reconnecting.");
        }

        try
        {
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            var heard = await connection.GetSubscriber().PublishAsync(backplane.ProbeChannel, "ready?").WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            return heard > 0
                ? HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.#} ms, this node's subscriptions are live")
                : HealthCheckResult.Unhealthy("The backplane is connected but this node's subscriptions are not restored yet.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"The SignalR backplane did not answer: {e.Message}");
        }
    }
}

/// <summary>Ready when the accounts database (PostgreSQL) accepts a connection within two seconds.</summary>
public sealed class PostgresHealthCheck(AccountsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await db.Database.CanConnectAsync(cts.Token)
                ? HealthCheckResult.Healthy("PostgreSQL accepts connections.")
                : HealthCheckResult.Unhealthy("PostgreSQL does not accept connections: sign-in and accounts are unavailable.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL did not answer within 2 s: sign-in and accounts are unavailable.");
        }
    }
}

/// <summary>Blob answers when the container's properties can be read (or it does not exist yet).</summary>
public sealed class BlobHealthCheck(IOptions<BlobOptions> options) : IHealthCheck
{
    private readonly BlobContainerClient _container = new(options.Value.ConnectionString, options.Value.Container, BlobMediaStore.ClientOptions());

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(2));
            _ = await _container.ExistsAsync(cts.Token);
            return HealthCheckResult.Healthy("Blob storage answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                "Blob storage does not answer: uploads, posters and replays are unavailable; the live path is unaffected.");
        }
    }
}
