using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.PartnerConsent;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.FlashSales;

/// <summary>A live stream of mia's with a new glow product (two variants) pinned, all through the real endpoints and hub.</summary>
public static class BuyNowApi
{
    public const string Medium = "m-red";
    public const string Large = "l-blue";

    public static async Task<(StreamDto Stream, ProductDto Product)> PinnedProductAsync(TestNode a, TestNode b, int medium = 5, int large = 3, decimal price = 30m)
    {
        var stream = await Cluster.ScheduleAsync(a);
        await PartnerApi.EnsurePartneredAsync(a, "glow", [stream.Id]);
        using var glow = a.Authorized(await a.TokenAsync("glow"));
        var product = await LiveApi.ReadAsync<ProductDto>(await glow.PostAsJsonAsync("/api/products", new ProductRequest(
            "Silk scarf", "desc", new Money(price, "USD"), 0, [new VariantRequest(Medium, "M", "red", medium), new VariantRequest(Large, "L", "blue", large)], null),
            LiveApi.Json));
        using var host = b.Authorized(await b.TokenAsync("mia"));
        await LiveApi.ReadAsync<List<ProductDto>>(await host.PutAsJsonAsync($"/api/streams/{stream.Id}/showcase", new ShowcaseRequest([product.Id]), LiveApi.Json));
        var live = await LiveApi.ReadAsync<StreamDto>(await host.PostAsync($"/api/streams/{stream.Id}/start", null));
        await using var mia = await b.ViewerAsync("mia", reconnect: false);
        await mia.Hub.PinProduct(stream.Id, product.Id, null);
        return (live, product);
    }

    public static async Task<BuyNowOfferDto> OfferAsync(TestNode node, string productId) =>
        await LiveApi.ReadAsync<BuyNowOfferDto>(await node.Http.GetAsync($"/api/products/{productId}/buy-now"));

    /// <summary>A new viewer account, connected and watching the stream.</summary>
    public static async Task<(LiveViewer Viewer, string Token)> BuyerAsync(TestNode node, string streamId)
    {
        var token = await node.ViewerTokenAsync();
        var viewer = await LiveViewer.ConnectAsync(node.Address, token, reconnect: false);
        await viewer.JoinAsync(streamId);
        return (viewer, token);
    }
}
