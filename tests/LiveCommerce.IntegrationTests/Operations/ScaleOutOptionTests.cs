using LiveCommerce.Server.Realtime;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.IntegrationTests.Operations;

/// <summary>Which scale-out transport a node picks from its configuration.</summary>
public sealed class ScaleOutOptionTests
{
    [Fact]
    public async Task With_redis_the_backplane_carries_groups_and_readiness_checks_it()
    {
        await using var node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix());
        Assert.Contains("RedisHubLifetimeManager", node.Get<HubLifetimeManager<LiveHub>>().GetType().Name, StringComparison.Ordinal);
        Assert.Contains("\"backplane\"", await node.Http.GetStringAsync("/health/ready"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_azure_signalr_connection_string_replaces_the_redis_backplane()
    {
        // A service that is not there: the node still starts; pushes would go through the service.
        await using var node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(), new Dictionary<string, string?>
        {
            [RealtimeRegistration.AzureSignalRConnectionStringKey] = $"Endpoint=http://127.0.0.1:{RedisServer.FreePort()};AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;Version=1.0;",
        });
        var manager = node.Get<HubLifetimeManager<LiveHub>>().GetType().FullName!;
        Assert.StartsWith("Microsoft.Azure.SignalR", manager, StringComparison.Ordinal);
        Assert.DoesNotContain("\"backplane\"", await node.Http.GetStringAsync("/health/live"), StringComparison.Ordinal);
        var ready = await node.Http.GetAsync("/health/ready");
        Assert.DoesNotContain("\"backplane\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
