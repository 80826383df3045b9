using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.PartnerConsent;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.IntegrationTests.FlashSales;

/// <summary>Settings that make sales short and sweeps quick enough for tests.</summary>
public static class FlashSettings
{
    public static Dictionary<string, string?> Fast() => new()
    {
        ["FlashSales:MinDuration"] = "00:00:01",
        ["FlashSales:SweepInterval"] = "00:00:00.200",
        ["FlashSales:SchedulerInterval"] = "00:00:00.100",
        ["Payments:LatencyMs"] = "20",
        ["Payments:Simulated:MaxDelayMs"] = "200",
        ["Orders:ArchiveFolder"] = Path.Combine(Path.GetTempPath(), "lc-archive-" + Guid.NewGuid().ToString("N")[..8]),
    };
}

/// <summary>Two nodes on the shared Redis with fast flash-sale settings.</summary>
public sealed class FlashCluster() : Cluster(FlashSettings.Fast());


public static class FlashApi
{
    public static ScheduleFlashSaleRequest Request(
        string streamId, int quantity, int limit = 1, int holdSeconds = 300, DateTimeOffset? startsAt = null, TimeSpan? duration = null,
        string currency = "USD", decimal price = 12.50m) =>
        new("p-gloss", "v-red", "Glow lip gloss", price, currency, quantity,
            startsAt ?? DateTimeOffset.UtcNow, (startsAt ?? DateTimeOffset.UtcNow) + (duration ?? TimeSpan.FromMinutes(5)), limit, holdSeconds, [streamId]);

    public static async Task<HttpResponseMessage> PostAsync(TestNode node, ScheduleFlashSaleRequest request, string brand = "glow")
    {
        request = await WithCatalogProductAsync(node, request);
        await PartnerApi.EnsurePartneredAsync(node, brand, request.StreamIds ?? []);
        using var http = node.Authorized(await node.TokenAsync(brand));
        return await http.PostAsJsonAsync("/api/flash-sales", request, LiveApi.Json);
    }

    public static async Task<FlashSaleDto> ScheduleAsync(TestNode node, ScheduleFlashSaleRequest request, string brand = "glow") =>
        await LiveApi.ReadAsync<FlashSaleDto>(await PostAsync(node, request, brand));

    /// <summary>
    /// A sale needs a real product of glow's catalog in the sale's currency: the test's product
    /// (one per currency, with the variant the request names) is put there first.
    /// </summary>
    public static async Task<ScheduleFlashSaleRequest> WithCatalogProductAsync(TestNode node, ScheduleFlashSaleRequest request)
    {
        if (request.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            return request; // the request is meant to fail on its currency first
        }

        var glow = node.Get<DemoAccounts>().FindByHandle("glow")!;
        var id = currency == "USD" ? request.ProductId : $"{request.ProductId}-{currency.ToLowerInvariant()}";
        var variants = request.VariantId is null ? [] : new List<ProductVariantDto> { new(request.VariantId, "M", "red", 1_000) };
        var now = DateTimeOffset.UtcNow;
        await node.Get<ICatalogStore>().TryCreateProductAsync(new Product(
            id, glow.Id, glow.DisplayName, request.Title, "", new Money(request.Price, currency), 1_000, variants, [], [], now, now));
        return request with { ProductId = id };
    }

    public static async Task<FlashSaleDto> GetAsync(TestNode node, string saleId) =>
        await LiveApi.ReadAsync<FlashSaleDto>(await node.Http.GetAsync($"/api/flash-sales/{saleId}"));

    public static async Task<IReadOnlyList<OrderDto>> MyOrdersAsync(TestNode node, string token)
    {
        using var http = node.Authorized(token);
        return await LiveApi.ReadAsync<List<OrderDto>>(await http.GetAsync("/api/orders/mine"));
    }

    public static async Task<string?> HubErrorCodeAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HubException>(call);
        return ErrorCodes.FromHubError(e.Message);
    }

    /// <summary>A crowd of guest buyers, each with its own connection, spread over the nodes, opened in parallel batches.</summary>
    public static async Task<(LiveViewer Viewer, string Token)[]> CrowdAsync(IReadOnlyList<TestNode> nodes, int count, string? streamId)
    {
        var crowd = new (LiveViewer, string)[count];
        for (var start = 0; start < count; start += 50)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(50, count - start)).Select(async i =>
            {
                var node = nodes[i % nodes.Count];
                var token = await node.ViewerTokenAsync();
                var viewer = await LiveViewer.ConnectAsync(node.Address, token, reconnect: false);
                if (streamId is not null)
                {
                    await viewer.JoinAsync(streamId);
                }

                crowd[i] = (viewer, token);
            }));
        }

        return crowd;
    }

    public static async Task DisposeAllAsync(IEnumerable<(LiveViewer Viewer, string Token)> crowd) =>
        await Task.WhenAll(crowd.Select(c => c.Viewer.DisposeAsync().AsTask()));
}

/// <summary>
/// The crowd and crash tests saturate both cores and Redis for seconds; they run on their own,
/// after the parallel tests, so timing-sensitive tests elsewhere are not starved.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyTests
{
    public const string Name = "Heavy flash-sale tests";
}
