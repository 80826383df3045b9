using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.IntegrationTests.Video;

/// <summary>
/// Two nodes on one Redis and one Azurite container, and a real media engine (nginx-rtmp) that calls
/// node A back. The reconnect grace is short so the "ends on its own" path runs within a test.
/// </summary>
public sealed class VideoCluster : IAsyncLifetime
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(6);

    public VideoEngineProcess Engine { get; } = VideoEngineProcess.Reserve();

    public TestNode A { get; private set; } = null!;

    public TestNode B { get; private set; } = null!;

    public string Container { get; } = AzuriteServer.UniqueContainer();

    public async Task InitializeAsync()
    {
        var redis = await SharedRedis.ConfigurationAsync();
        var prefix = SharedRedis.UniquePrefix();
        var settings = Engine.Settings(Grace);
        settings["Blob:ConnectionString"] = await AzuriteServer.ConnectionStringAsync();
        settings["Blob:Container"] = Container;
        var nodes = await Task.WhenAll(TestNode.StartAsync(redis, prefix, settings), TestNode.StartAsync(redis, prefix, settings));
        (A, B) = (nodes[0], nodes[1]);
        await Engine.StartAsync(A.Address);
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    public async Task<StreamDto> ScheduleAsync(string host = "mia")
    {
        using var http = A.Authorized(await A.TokenAsync(host));
        var response = await http.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest("On camera", "desc", DateTimeOffset.UtcNow.AddMinutes(10), null, null), LiveApi.Json);
        return await LiveApi.ReadAsync<StreamDto>(response);
    }

    public async Task<IngestDto> IngestAsync(TestNode node, string streamId, string host = "mia", bool rotate = false)
    {
        using var http = node.Authorized(await node.TokenAsync(host));
        var response = rotate
            ? await http.PostAsync($"/api/streams/{streamId}/ingest/rotate", null)
            : await http.GetAsync($"/api/streams/{streamId}/ingest");
        return await LiveApi.ReadAsync<IngestDto>(response);
    }

    /// <summary>What OBS would be given: the server URL and the stream key, joined.</summary>
    public static string PublishUrl(IngestDto ingest) => $"{ingest.ServerUrl}/{ingest.StreamKey}";

    public async Task<StreamDto> StreamAsync(string streamId) =>
        (await A.Http.GetFromJsonAsync<StreamDto>($"/api/streams/{streamId}", LiveApi.Json))!;
}
