using LiveCommerce.Contracts;
using LiveCommerce.Server.Demo;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace LiveCommerce.UnitTests.Demo;

/// <summary>When the demo runs, and what of it is kept off the books.</summary>
public sealed class DemoSwitchTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", "false", false)]
    public void The_demo_runs_in_development_and_elsewhere_only_when_asked(string environment, string? setting, bool runs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:Enabled"] = setting }).Build();
        Assert.Equal(runs, DemoRegistration.IsEnabled(configuration, new HostingEnvironment { EnvironmentName = environment }));
    }

    [Fact]
    public async Task Orders_bought_on_the_demo_stream_or_in_a_demo_only_sale_never_reach_the_order_log()
    {
        var books = new LocalOrderLog(TimeProvider.System);
        var sales = new LocalFlashSaleInventory(TimeProvider.System);
        await sales.CreateAsync(Sale("s-demo", DemoSeeder.LiveStreamId));
        await sales.CreateAsync(Sale("s-both", DemoSeeder.LiveStreamId, "s-real"));
        IOrderLog log = new OrderLogWithoutDemo(books, sales);

        await log.AppendAsync(Order("o-watching-demo", "s-both", DemoSeeder.LiveStreamId));
        await log.AppendAsync(Order("o-demo-sale-unwatched", "s-demo", null));
        await log.AppendAsync(Order("o-watching-real", "s-both", "s-real"));
        await log.AppendAsync(Order("o-real-sale-unwatched", "s-both", null));
        await log.AppendReversalAsync(Order("o-watching-demo", "s-both", DemoSeeder.LiveStreamId), Now);

        var logged = await books.ReadAfterAsync(null, 100);
        Assert.Equal(["o-watching-real", "o-real-sale-unwatched"], logged.Select(e => e.Order.Id));
        Assert.DoesNotContain(logged, e => e.IsReversal);
        Assert.Equal(["o-real-sale-unwatched", "o-watching-real"], (await log.ListForBuyerAsync("buyer", 10)).Select(o => o.Id).Order());
    }

    [Fact]
    public async Task Viewers_of_the_demo_streams_are_not_counted_in_any_audience()
    {
        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        IAudienceStore audience = new AudienceWithoutDemo(new LocalAudienceStore());
        foreach (var stream in new[] { DemoSeeder.LiveStreamId, DemoSeeder.UpcomingStreamId, "s-real" })
        {
            await audience.RecordViewerAsync(stream, "u-host", day, "viewer-1");
            await audience.RecordConcurrentAsync(stream, day, 40);
        }

        Assert.Equal([new StreamDay("s-real", day)], await audience.HostedAsync("u-host", [day]));
        var counts = await audience.CountViewersAsync([[new StreamDay(DemoSeeder.LiveStreamId, day)], [new StreamDay("s-real", day)]]);
        Assert.Equal([new AudienceCount(0, 0), new AudienceCount(1, 40)], counts);
    }

    private static FlashSale Sale(string id, params string[] streams) =>
        new(id, SaleKind.Flash, "p-1", null, "Serum", "u-brand", 10m, "USD", streams, 10, 1, 60, Now.AddMinutes(-1), Now.AddMinutes(5));

    private static OrderDto Order(string id, string saleId, string? streamId) =>
        new(id, "buyer", saleId, "u-brand", [new OrderItemDto("p-1", null, "Serum", 1, 10m)], 10m, "USD", "USD", streamId,
            streamId is null ? null : new AttributionRef(streamId, "u-host"), "pay-" + id, Now);
}
