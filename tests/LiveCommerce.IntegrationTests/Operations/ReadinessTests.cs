using System.Net;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.IntegrationTests.Operations;

/// <summary>A node starts without Redis, says why it is not ready, and recovers on its own.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Node_starts_with_redis_down_reports_not_ready_and_recovers_without_restart()
    {
        var port = RedisServer.FreePortBelowEphemeralRange();
        await using var node = await TestNode.StartAsync($"127.0.0.1:{port}", SharedRedis.UniquePrefix());

        Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync("/health/live")).StatusCode);
        var notReady = await node.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("redis", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var redis = await RedisServer.StartOnAsync(port);
        await node.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        var streams = await node.Http.GetAsync("/api/streams?status=live");
        Assert.Equal(HttpStatusCode.OK, streams.StatusCode);
    }

    /// <summary>
    /// Redis down for longer than the client's timeout at start (shortened here so it happens every
    /// run; on a busy machine it happens at the default 5 s too): the backplane's first SUBSCRIBE then
    /// times out, and the node must still become ready once Redis is up, with its subscriptions live,
    /// without a restart or a hub call to retry it (docs/OPERATIONS.md, "Health endpoints").
    /// </summary>
    [Fact]
    public async Task Node_whose_redis_stays_down_past_the_client_timeout_still_recovers()
    {
        var port = RedisServer.FreePortBelowEphemeralRange();
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var node = await TestNode.StartAsync($"127.0.0.1:{port},asyncTimeout={timeout.TotalMilliseconds}", SharedRedis.UniquePrefix());

        // Not ready, and kept down for several timeouts, so every first attempt has given up.
        var down = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await node.Http.GetAsync("/health/ready")).StatusCode);
        }
        while (down.Elapsed < timeout * 4 && await Pause());

        await using var redis = await RedisServer.StartOnAsync(port);
        await node.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// With <c>Accounts:ConnectionString</c> set, a node keeps accounts in PostgreSQL: it applies the
    /// migrations before it serves, and is ready only while PostgreSQL accepts connections.
    /// </summary>
    [Fact]
    public async Task Node_with_postgres_configured_migrates_it_at_start_and_reports_it_in_readiness()
    {
        var database = await SharedPostgres.CreateDatabaseAsync();
        try
        {
            await using (var node = await TestNode.StartAsync(null, SharedRedis.UniquePrefix(), new Dictionary<string, string?> { ["Accounts:ConnectionString"] = database }))
            {
                var body = await node.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(10));
                Assert.Contains("\"postgres\":{\"status\":\"Healthy\"", body, StringComparison.Ordinal);

                await using var scope = node.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
                Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            }
        }
        finally
        {
            await SharedPostgres.DropDatabaseAsync(database);
        }
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(200);
        return true;
    }
}
