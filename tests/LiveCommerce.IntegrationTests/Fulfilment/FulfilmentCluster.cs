using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.Server.Features.Fulfilment;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.IntegrationTests.Fulfilment;

/// <summary>Two nodes on the shared Redis with the books in a PostgreSQL database of their own.</summary>
public sealed class FulfilmentCluster : IAsyncLifetime
{
    private string _database = "";

    /// <summary>The connection string of the books' database (the accounts' one).</summary>
    public string Database => _database;

    public TestNode A { get; private set; } = null!;

    public TestNode B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await SharedPostgres.CreateDatabaseAsync();
        var settings = FlashSettings.Fast();
        settings["Accounts:ConnectionString"] = _database;
        settings["RateLimits:ApiPerSecond"] = "100000";
        settings["RateLimits:ApiBurst"] = "100000";
        var redis = await SharedRedis.ConfigurationAsync();
        var prefix = SharedRedis.UniquePrefix();
        // Started together: both migrate the same empty database at once.
        var nodes = await Task.WhenAll(TestNode.StartAsync(redis, prefix, settings), TestNode.StartAsync(redis, prefix, settings));
        (A, B) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await SharedPostgres.DropDatabaseAsync(_database);
    }

    /// <summary>Reads the books directly (what PostgreSQL holds).</summary>
    public async Task<T> BooksAsync<T>(Func<OrderBooksDbContext, Task<T>> read)
    {
        await using var scope = A.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderBooksDbContext>();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        return await read(db);
    }

    public Task<BookedOrder?> BookedAsync(string orderId) =>
        BooksAsync(db => db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId));

    /// <summary>Waits until the projector brought the order into the books.</summary>
    public async Task<BookedOrder> WaitBookedAsync(string orderId, string status = OrderStatuses.Paid) =>
        (await Eventually.WaitForAsync(() => BookedAsync(orderId), o => o?.Status == status, $"order {orderId} {status} in the books", TimeSpan.FromSeconds(20)))!;

    public async Task<HttpClient> ClientAsync(TestNode node, string handle) => node.Authorized(await node.TokenAsync(handle));

    public static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>A new viewer buys <paramref name="quantities"/> (one order each) of a glow product pinned in a new live stream of mia's.</summary>
    public async Task<Purchase> BuyAsync(params int[] quantities)
    {
        var (stream, product) = await BuyNowApi.PinnedProductAsync(A, B, medium: 20);
        var (buyer, token) = await BuyNowApi.BuyerAsync(A, stream.Id);
        var orders = new List<OrderDto>();
        foreach (var q in quantities)
        {
            var held = await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, q, "o-" + Guid.NewGuid().ToString("N"));
            Assert.Equal(ReserveOutcome.Held, held.Outcome);
            var paid = await buyer.Hub.PayAsync(held.HoldId!, "pay-" + Guid.NewGuid().ToString("N")[..8]);
            Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
            orders.Add(paid.Order!);
        }

        return new Purchase(stream, product, buyer, token, orders);
    }

    public static async Task<FulfilmentQueueDto> QueueAsync(HttpClient brand, string stage) =>
        await LiveApi.ReadAsync<FulfilmentQueueDto>(await brand.GetAsync($"/api/fulfilment/queue?stage={stage}"));

    public static async Task<ShipmentDto> ShipmentOfAsync(HttpClient brand, string stage, string orderId) =>
        await Eventually.WaitForAsync(
            async () => (await QueueAsync(brand, stage)).Shipments.FirstOrDefault(s => s.Orders.Any(o => o.Id == orderId)),
            s => s is not null, $"the shipment of {orderId} in {stage}", TimeSpan.FromSeconds(20)) ?? throw new InvalidOperationException();

    public static Task<HttpResponseMessage> ShipAsync(HttpClient brand, string shipmentId, string carrier = "DHL", string tracking = "JD0146000012345") =>
        brand.PostAsJsonAsync($"/api/fulfilment/shipments/{shipmentId}/ship", new ShipRequest(carrier, tracking), LiveApi.Json);
}

public sealed record Purchase(StreamDto Stream, ProductDto Product, LiveViewer Buyer, string Token, IReadOnlyList<OrderDto> Orders) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Buyer.DisposeAsync();
}
