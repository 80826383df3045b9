using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.PartnerConsent;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.IntegrationTests.Faults;

/// <summary>Blob storage goes away: uploads fail clearly, the live path does not notice.</summary>
public sealed class BlobDownTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task With_blob_down_uploads_answer_503_media_unavailable_and_join_pins_and_events_keep_working()
    {
        var azurite = await AzuriteServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Blob:ConnectionString"] = azurite.ConnectionString,
            ["Blob:Container"] = AzuriteServer.UniqueContainer(),
        };
        await using var node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(), settings);
        using var brand = node.Authorized(await node.TokenAsync("glow"));
        using var host = node.Authorized(await node.TokenAsync("mia"));
        await PartnerApi.PartnerAsync(node, "glow", "u-host-mia", 10m);
        var product = await LiveApi.ReadAsync<ProductDto>(await brand.PostAsJsonAsync("/api/products", new ProductRequest("Lipstick", "red", new Money(9.99m, "USD"), 10, null, []), LiveApi.Json));
        var stream = await Cluster.ScheduleAsync(node);
        await LiveApi.ReadAsync<List<ProductDto>>(await host.PutAsJsonAsync($"/api/streams/{stream.Id}/showcase", new ShowcaseRequest([product.Id]), LiveApi.Json));
        await LiveApi.ReadAsync<StreamDto>(await host.PostAsync($"/api/streams/{stream.Id}/start", null));
        Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync("/health/ready")).StatusCode);

        await azurite.DisposeAsync();

        // Uploads: a clear, retryable refusal within seconds, nothing half-stored.
        using var form = new MultipartFormDataContent();
        var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(png, "file", "x.png");
        var started = DateTime.UtcNow;
        var upload = await brand.PostAsync($"/api/products/{product.Id}/images", form);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, upload.StatusCode);
        Assert.Contains(ErrorCodes.MediaUnavailable, await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the upload hung instead of failing fast");
        Assert.Empty((await LiveApi.ReadAsync<ProductDto>(await node.Http.GetAsync($"/api/products/{product.Id}"))).ImageUrls);
        var media = await node.Http.GetAsync("/media/products/x/abc.png");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, media.StatusCode);

        // Readiness: degraded (still 200, the node stays in rotation), with the reason.
        var ready = await node.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"Degraded\"", body, StringComparison.Ordinal);
        Assert.Contains("Blob storage does not answer", body, StringComparison.Ordinal);

        // The live path: join, pin, stream events.
        await using var viewer = await node.ViewerAsync();
        await viewer.JoinAsync(stream.Id);
        await using var hostHub = await node.ViewerAsync("mia");
        var pin = await hostHub.Hub.PinProduct(stream.Id, product.Id, null);
        Assert.Equal(product.Id, pin.ProductId);
        await Cluster.UpdateTitleAsync(node, stream.Id, "still live");
        await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamUpdated>().Any(e => e.Stream.Title == "still live"), Patience, "the title change");
        await viewer.WaitUntilAsync(v => v.Events(stream.Id).Any(e => e is ProductPinned), Patience, "the pin");
    }
}
