using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.FlashSales;

/// <summary>A brand lists at most FlashSales:MaxSalesPerStream sales on one stream; other streams and brands are unaffected.</summary>
public sealed class SalesPerStreamTests
{
    [Fact]
    public async Task A_brand_past_its_cap_on_a_stream_is_refused_and_nothing_is_added()
    {
        await using var node = await TestNode.StartAsync(null, "cap-" + Guid.NewGuid().ToString("N")[..8],
            new Dictionary<string, string?> { ["FlashSales:MaxSalesPerStream"] = "2" });
        var stream = await Cluster.ScheduleAsync(node);
        var other = await Cluster.ScheduleAsync(node, title: "Another stream");
        var later = DateTimeOffset.UtcNow.AddMinutes(10);

        var first = await FlashApi.ScheduleAsync(node, FlashApi.Request(stream.Id, 5, startsAt: later));
        await FlashApi.ScheduleAsync(node, FlashApi.Request(stream.Id, 5, startsAt: later));
        var third = await FlashApi.PostAsync(node, FlashApi.Request(stream.Id, 5, startsAt: later));
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains(ErrorCodes.TooManySales, await third.Content.ReadAsStringAsync());

        // Moving a sale of the brand onto the full stream is refused too; the sale stays where it was.
        var elsewhere = await FlashApi.ScheduleAsync(node, FlashApi.Request(other.Id, 5, startsAt: later));
        using var glow = node.Authorized(await node.TokenAsync("glow"));
        var request = await FlashApi.WithCatalogProductAsync(node, FlashApi.Request(stream.Id, 5, startsAt: later));
        var moved = await glow.PutAsJsonAsync($"/api/flash-sales/{elsewhere.Id}", request, LiveApi.Json);
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Equal([other.Id], (await FlashApi.GetAsync(node, elsewhere.Id)).StreamIds);

        // Editing a sale already on the stream is not "one more".
        var edited = await glow.PutAsJsonAsync($"/api/flash-sales/{first.Id}", request with { Quantity = 7 }, LiveApi.Json);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var listed = await LiveApi.ReadAsync<List<FlashSaleDto>>(await node.Http.GetAsync($"/api/flash-sales?streamId={stream.Id}"));
        Assert.Equal(2, listed.Count);
    }
}
