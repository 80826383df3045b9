using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.PartnerConsent;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Pins;

/// <summary>Two real nodes on one real Redis, with media in real Azurite, and a fast pin sweeper.</summary>
public sealed class ShopCluster : IAsyncLifetime
{
    public TestNode A { get; private set; } = null!;

    public TestNode B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var redis = await SharedRedis.ConfigurationAsync();
        var prefix = SharedRedis.UniquePrefix();
        var settings = new Dictionary<string, string?>
        {
            ["Blob:ConnectionString"] = await AzuriteServer.ConnectionStringAsync(),
            ["Blob:Container"] = AzuriteServer.UniqueContainer(),
            ["Pins:SweepInterval"] = "00:00:00.100",
        };
        var nodes = await Task.WhenAll(TestNode.StartAsync(redis, prefix, settings), TestNode.StartAsync(redis, prefix, settings));
        (A, B) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    public async Task<HttpClient> AsAsync(TestNode node, string handle) => node.Authorized(await node.TokenAsync(handle));

    public async Task<ProductDto> CreateProductAsync(TestNode node, string brand, string title, decimal amount = 24.99m, string currency = "USD")
    {
        using var http = await AsAsync(node, brand);
        var response = await http.PostAsJsonAsync("/api/products", new ProductRequest(title, "desc", new Money(amount, currency), 10, null, ["test"]), LiveApi.Json);
        return await LiveApi.ReadAsync<ProductDto>(response);
    }

    /// <summary>The brand proposes and the host accepts, through the real endpoints.</summary>
    public async Task PartnerAsync(TestNode node, string brand, string hostId, decimal rate = 15m) =>
        await PartnerApi.PartnerAsync(node, brand, hostId, rate);

    /// <summary>A live stream hosted by mia whose showcase holds <paramref name="count"/> new glow products.</summary>
    public async Task<(StreamDto Stream, List<ProductDto> Products)> LiveShowcaseAsync(int count)
    {
        await PartnerAsync(A, "glow", "u-host-mia");
        var products = new List<ProductDto>();
        for (var i = 0; i < count; i++)
        {
            products.Add(await CreateProductAsync(i % 2 == 0 ? A : B, "glow", $"Product {i}", 10m + i + 0.99m));
        }

        var stream = await Cluster.ScheduleAsync(A);
        using var host = await AsAsync(B, "mia");
        await LiveApi.ReadAsync<List<ProductDto>>(await host.PutAsJsonAsync($"/api/streams/{stream.Id}/showcase", new ShowcaseRequest(products.Select(p => p.Id).ToList()), LiveApi.Json));
        var live = await LiveApi.ReadAsync<StreamDto>(await host.PostAsync($"/api/streams/{stream.Id}/start", null));
        return (live, products);
    }
}
