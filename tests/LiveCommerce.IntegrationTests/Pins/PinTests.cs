using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.IntegrationTests.Pins;

/// <summary>Pins across two nodes, the showcase and catalog rules, media uploads, and the replay archive.</summary>
public sealed class PinTests(ShopCluster shop) : IClassFixture<ShopCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(WireProtocol.Json)]
    [InlineData(WireProtocol.MessagePack)]
    public async Task Pin_and_unpin_through_node_B_reach_a_viewer_on_node_A_in_seq_order(WireProtocol protocol)
    {
        var (stream, products) = await shop.LiveShowcaseAsync(2);
        await using var viewer = await shop.A.ViewerAsync(protocol: protocol);
        var snapshot = await viewer.JoinAsync(stream.Id);
        Assert.Empty(snapshot.Pins);

        await using var host = await shop.B.ViewerAsync("mia", protocol);
        var first = await host.Hub.PinProduct(stream.Id, products[0].Id, null);
        var timed = await host.Hub.PinProduct(stream.Id, products[1].Id, 60);
        await host.Hub.UnpinProduct(stream.Id, products[0].Id);

        Assert.Null(first.ExpiresAt);
        Assert.Equal(timed.PinnedAt.AddSeconds(60), timed.ExpiresAt);
        await viewer.WaitUntilAsync(v => v.LastSeq(stream.Id) == snapshot.Seq + 3, Patience, "two pins and an unpin");
        var events = viewer.Events(stream.Id);
        Assert.Equal(Enumerable.Range(1, 3).Select(i => snapshot.Seq + i), events.Select(e => e.Seq));
        var pinned = Assert.IsType<ProductPinned>(events[0]);
        Assert.Equal(products[0].Id, pinned.Pin.ProductId);
        Assert.Equal(products[0].Price, pinned.Pin.Price);
        var pinnedTimed = Assert.IsType<ProductPinned>(events[1]);
        Assert.Equal(timed.ExpiresAt, pinnedTimed.Pin.ExpiresAt);
        var unpinned = Assert.IsType<ProductUnpinned>(events[2]);
        Assert.Equal((products[0].Id, first.PinId, "host"), (unpinned.ProductId, unpinned.PinId, unpinned.Reason));
    }

    [Fact]
    public async Task A_late_joiner_sees_the_current_pins_in_the_snapshot_featured_first()
    {
        var (stream, products) = await shop.LiveShowcaseAsync(4);
        await using var host = await shop.B.ViewerAsync("mia");
        foreach (var product in products.Take(3))
        {
            await host.Hub.PinProduct(stream.Id, product.Id, null);
        }

        await AssertHubError(host.Hub.PinProduct(stream.Id, products[3].Id, null), ErrorCodes.TooManyPins);
        await AssertHubError(host.Hub.PinProduct(stream.Id, products[1].Id, null), ErrorCodes.AlreadyPinned);
        await host.Hub.UnpinProduct(stream.Id, products[0].Id);
        await AssertHubError(host.Hub.UnpinProduct(stream.Id, products[0].Id), ErrorCodes.NotPinned);

        await using var late = await shop.A.ViewerAsync();
        var snapshot = await late.JoinAsync(stream.Id);
        Assert.Equal([products[1].Id, products[2].Id], snapshot.Pins.Select(p => p.ProductId));
        Assert.Equal(products[1].Title, snapshot.Pins[0].Title);
        Assert.Equal(5, snapshot.Seq); // started, three pins, one unpin: the refusals left no trace
    }

    [Fact]
    public async Task A_timed_pin_expires_for_everyone_exactly_once_with_two_nodes()
    {
        var (stream, products) = await shop.LiveShowcaseAsync(2);
        await using var onA = await shop.A.ViewerAsync();
        await using var onB = await shop.B.ViewerAsync(protocol: WireProtocol.MessagePack);
        await onA.JoinAsync(stream.Id);
        await onB.JoinAsync(stream.Id);
        await using var host = await shop.A.ViewerAsync("mia");
        var pin = await host.Hub.PinProduct(stream.Id, products[0].Id, 1);

        foreach (var viewer in new[] { onA, onB })
        {
            await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<ProductUnpinned>().Any(), Patience, "the pin's expiry");
        }

        var expired = onA.Events(stream.Id).OfType<ProductUnpinned>().Single();
        Assert.Equal((pin.PinId, "expired"), (expired.PinId, expired.Reason));
        Assert.True(expired.At >= pin.ExpiresAt, "it did not expire early");

        // Both nodes sweep every 100 ms: give them many more sweeps, then mark the log with a later event.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await host.Hub.PinProduct(stream.Id, products[1].Id, null);
        foreach (var viewer in new[] { onA, onB })
        {
            await viewer.WaitUntilAsync(v => v.Events(stream.Id).Count(e => e is ProductPinned) == 2, Patience, "the marker pin");
            Assert.Single(viewer.Events(stream.Id), e => e is ProductUnpinned);
        }

        await using var late = await shop.B.ViewerAsync();
        Assert.Equal([products[1].Id], (await late.JoinAsync(stream.Id)).Pins.Select(p => p.ProductId));
    }

    [Fact]
    public async Task A_host_cannot_pin_another_brands_product_outside_its_showcase()
    {
        var (stream, products) = await shop.LiveShowcaseAsync(1);
        var foreign = await shop.CreateProductAsync(shop.A, "kite", "Tent", 199m, "EUR");
        await using var host = await shop.B.ViewerAsync("mia");
        await AssertHubError(host.Hub.PinProduct(stream.Id, foreign.Id, null), ErrorCodes.NotInShowcase);
        await AssertHubError(host.Hub.PinProduct(stream.Id, "p-missing", null), ErrorCodes.NotInShowcase);

        // Nor can it put the product into its showcase without a partnership with kite.
        using var http = await shop.AsAsync(shop.A, "mia");
        var response = await http.PutAsJsonAsync($"/api/streams/{stream.Id}/showcase", new ShowcaseRequest([products[0].Id, foreign.Id]), LiveApi.Json);
        await AssertProblem(response, HttpStatusCode.Forbidden, ErrorCodes.NotPartnered);
        Assert.Equal([products[0].Id], (await http.GetFromJsonAsync<List<ProductDto>>($"/api/streams/{stream.Id}/showcase", LiveApi.Json))!.Select(p => p.Id));

        await using var viewer = await shop.A.ViewerAsync();
        Assert.Empty((await viewer.JoinAsync(stream.Id)).Pins);
    }

    [Theory]
    [InlineData("sam")]
    [InlineData("leo")]
    [InlineData("glow")]
    public async Task Only_the_streams_host_pins_or_unpins(string handle)
    {
        var (stream, products) = await shop.LiveShowcaseAsync(1);
        await using var host = await shop.A.ViewerAsync("mia");
        await host.Hub.PinProduct(stream.Id, products[0].Id, null);
        await using var other = await shop.B.ViewerAsync(handle);
        await AssertHubError(other.Hub.PinProduct(stream.Id, products[0].Id, 30), ErrorCodes.NotOwner);
        await AssertHubError(other.Hub.UnpinProduct(stream.Id, products[0].Id), ErrorCodes.NotOwner);
        await using var viewer = await shop.A.ViewerAsync();
        Assert.Equal([products[0].Id], (await viewer.JoinAsync(stream.Id)).Pins.Select(p => p.ProductId));
    }

    [Fact]
    public async Task A_brand_cannot_edit_another_brands_product_and_only_brands_create_products()
    {
        var product = await shop.CreateProductAsync(shop.A, "glow", "Serum", 30m);
        using var kite = await shop.AsAsync(shop.B, "kite");
        var edit = await kite.PutAsJsonAsync($"/api/products/{product.Id}", new ProductRequest("Hijacked", null, new Money(1m, "USD"), 1, null, null), LiveApi.Json);
        await AssertProblem(edit, HttpStatusCode.Forbidden, ErrorCodes.NotOwner);
        await AssertProblem(await kite.PostAsync($"/api/products/{product.Id}/images", ImageForm(MediaStoreContract.Png(500), "x.png")), HttpStatusCode.Forbidden, ErrorCodes.NotOwner);

        using var viewer = await shop.AsAsync(shop.A, "sam");
        await AssertProblem(await viewer.PostAsJsonAsync("/api/products", new ProductRequest("Mine", null, new Money(1m, "USD"), 1, null, null), LiveApi.Json), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        var read = await shop.A.Http.GetFromJsonAsync<ProductDto>($"/api/products/{product.Id}", LiveApi.Json);
        Assert.Equal("Serum", read!.Title);
        Assert.Equal(30m, read.Price.Amount);
        Assert.Empty(read.ImageUrls);
    }

    [Theory]
    [InlineData(-1, "USD")]
    [InlineData(0, "USD")]
    [InlineData(10, "usd")]
    [InlineData(10, "XYZ")]
    [InlineData(10.5, "JPY")]
    [InlineData(10.001, "USD")]
    public async Task Bad_prices_are_refused(decimal amount, string currency)
    {
        using var glow = await shop.AsAsync(shop.A, "glow");
        var response = await glow.PostAsJsonAsync("/api/products", new ProductRequest("Serum", null, new Money(amount, currency), 1, null, null), LiveApi.Json);
        await AssertProblem(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task Product_images_upload_to_blob_under_generated_names_and_are_served_with_long_cache()
    {
        var product = await shop.CreateProductAsync(shop.A, "glow", "Mask");
        using var glow = await shop.AsAsync(shop.B, "glow");
        var bytes = MediaStoreContract.Png(120_000);
        var updated = await LiveApi.ReadAsync<ProductDto>(await glow.PostAsync($"/api/products/{product.Id}/images", ImageForm(bytes, "../../etc/passwd.png")));
        var url = Assert.Single(updated.ImageUrls);
        Assert.StartsWith($"/media/products/{product.Id}/", url, StringComparison.Ordinal);
        Assert.DoesNotContain("passwd", url, StringComparison.Ordinal);

        var served = await shop.A.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.True(served.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromDays(365), served.Headers.CacheControl.MaxAge);

        await AssertProblem(await glow.PostAsync($"/api/products/{product.Id}/images", ImageForm("<html>hi</html>"u8.ToArray(), "a.png")), HttpStatusCode.UnsupportedMediaType, ErrorCodes.MediaNotImage);
        await AssertProblem(await glow.PostAsync($"/api/products/{product.Id}/images", ImageForm(MediaStoreContract.Png((5 * 1024 * 1024) + 1), "big.png")), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.MediaTooLarge);
        Assert.Single((await shop.A.Http.GetFromJsonAsync<ProductDto>($"/api/products/{product.Id}", LiveApi.Json))!.ImageUrls);
        Assert.Equal(HttpStatusCode.NotFound, (await shop.A.Http.GetAsync($"/media/products/{product.Id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shop.A.Http.GetAsync("/media/..%2F..%2Fappsettings.json")).StatusCode);
    }

    [Fact]
    public async Task A_host_uploads_the_stream_cover_to_blob_and_viewers_see_it_change()
    {
        var stream = await Cluster.ScheduleAsync(shop.A);
        await using var viewer = await shop.A.ViewerAsync();
        await viewer.JoinAsync(stream.Id);
        var bytes = MediaStoreContract.Png(2_000);

        using var leo = await shop.AsAsync(shop.B, "leo");
        await AssertProblem(await leo.PostAsync($"/api/streams/{stream.Id}/cover", ImageForm(bytes, "c.png")), HttpStatusCode.Forbidden, ErrorCodes.NotOwner);
        using var mia = await shop.AsAsync(shop.B, "mia");
        await AssertProblem(await mia.PostAsync($"/api/streams/{stream.Id}/cover", ImageForm("GIF89a?"u8.ToArray()[..3], "c.gif")), HttpStatusCode.UnsupportedMediaType, ErrorCodes.MediaNotImage);
        var updated = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsync($"/api/streams/{stream.Id}/cover", ImageForm(bytes, "../cover.png")));

        Assert.StartsWith($"/media/streams/{stream.Id}/", updated.CoverImageUrl, StringComparison.Ordinal);
        Assert.Equal(bytes, await shop.A.Http.GetByteArrayAsync(updated.CoverImageUrl));
        await viewer.WaitUntilAsync(
            v => v.Events(stream.Id).OfType<StreamUpdated>().Any(e => e.Stream.CoverImageUrl == updated.CoverImageUrl),
            TimeSpan.FromSeconds(10), "the new cover pushed to the viewer");
    }

    [Fact]
    public async Task A_replay_is_written_when_the_stream_ends_and_reads_back_with_the_right_offsets()
    {
        var (stream, products) = await shop.LiveShowcaseAsync(2);
        await AssertProblem(await shop.A.Http.GetAsync($"/api/streams/{stream.Id}/replay"), HttpStatusCode.NotFound, ErrorCodes.ReplayNotFound);
        await using var host = await shop.B.ViewerAsync("mia");
        var first = await host.Hub.PinProduct(stream.Id, products[0].Id, null);
        await Task.Delay(300); // the recording moves on
        var second = await host.Hub.PinProduct(stream.Id, products[1].Id, 120);
        await host.Hub.UnpinProduct(stream.Id, products[0].Id);
        var ended = await host.Hub.EndStream(stream.Id);

        // Gzip as stored when the client accepts it...
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/streams/{stream.Id}/replay");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var gz = await shop.A.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, gz.StatusCode);
        Assert.Contains("gzip", gz.Content.Headers.ContentEncoding);
        await using var unzip = new GZipStream(await gz.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var lines = ReadLines(unzip);

        // ...and plain JSON lines otherwise, with the same content.
        var plain = await shop.B.Http.GetAsync($"/api/streams/{stream.Id}/replay");
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(lines.Count, ReadLines(await plain.Content.ReadAsStreamAsync()).Count);

        var header = lines[0];
        Assert.Equal("replay", header.Type);
        Assert.Equal(stream.Id, header.Stream!.Id);
        var startedAt = header.Stream.StartedAt!.Value;
        var events = lines.Skip(1).ToList();
        Assert.Equal([nameof(StreamStarted), nameof(ProductPinned), nameof(ProductPinned), nameof(ProductUnpinned), nameof(StreamEnded)], events.Select(l => l.Type));
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(l => l.Seq));
        Assert.Equal(Ms(first.PinnedAt - startedAt), events[1].OffsetMs);
        Assert.Equal(Ms(second.PinnedAt - startedAt), events[2].OffsetMs);
        Assert.True(events[2].OffsetMs - events[1].OffsetMs >= 300, "the second pin is later in the recording");
        Assert.Equal(Ms(ended.EndedAt!.Value - startedAt), events[4].OffsetMs);
        var pin = events[2].Event!.Value.GetProperty("pin").Deserialize<PinDto>(LiveApi.Json)!;
        Assert.Equal((products[1].Id, second.ExpiresAt), (pin.ProductId, pin.ExpiresAt));

        await using var viewer = await shop.A.ViewerAsync();
        Assert.Empty((await viewer.JoinAsync(stream.Id)).Pins);
    }

    [Fact]
    public async Task Prices_convert_for_display_in_the_viewers_currency()
    {
        var converted = await shop.A.Http.GetFromJsonAsync<ConvertedPrice>("/api/fx/convert?amount=10&from=USD&to=JPY", LiveApi.Json);
        Assert.Equal(new Money(1515m, "JPY"), converted!.Converted);
        Assert.Equal(new Money(10m, "USD"), converted.Original);
        await AssertProblem(await shop.A.Http.GetAsync("/api/fx/convert?amount=10&from=USD&to=jpy"), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
    }

    private static long Ms(TimeSpan t) => (long)t.TotalMilliseconds;

    private static List<ReplayLine> ReadLines(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var lines = new List<ReplayLine>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(JsonSerializer.Deserialize<ReplayLine>(line, LiveApi.Json)!);
        }

        return lines;
    }

    private static MultipartFormDataContent ImageForm(byte[] bytes, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", fileName);
        return form;
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Contains($"\"code\":\"{code}\"", body, StringComparison.Ordinal);
    }

    private static async Task AssertHubError(Task call, string code)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => call);
        Assert.Equal(code, ErrorCodes.FromHubError(error.Message));
    }
}
