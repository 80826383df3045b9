using LiveCommerce.Contracts;
using LiveCommerce.Server.Demo;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.TestKit;
using Mediator;

namespace LiveCommerce.IntegrationTests.Demo;

public sealed class DemoTests
{
    [Fact]
    public async Task A_fresh_demo_node_has_a_flash_sale_coming_on_its_live_stream_within_seconds()
    {
        // Within seconds, not one 20 s tick: the sale's product is seeded by another service, and the
        // demo's sale waits for it instead of being refused and trying again a tick later.
        await using var node = await TestNode.StartAsync(null, "demo", new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:CrowdSize"] = "0" });
        var sender = node.Get<ISender>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        IReadOnlyList<FlashSaleDto> sales = [];
        while (!sales.Any(s => s.Kind == SaleKind.Flash))
        {
            await Task.Delay(100, deadline.Token); // polling a query: the demo announces nothing to wait on
            sales = await sender.Send(new ListStreamSales(DemoSeeder.LiveStreamId), deadline.Token);
        }

        Assert.Contains(sales, s => s.Kind == SaleKind.Flash && s.Status is SaleStatus.Scheduled or SaleStatus.Live);
    }
}
