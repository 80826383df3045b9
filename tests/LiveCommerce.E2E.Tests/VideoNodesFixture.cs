using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.TestKit;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// Two nodes on one Redis (a cluster: what node A hears, node B pushes) and a real media engine
/// (nginx-rtmp) that calls node A back, as a single-box deployment runs it: HLS served by the
/// engine over plain http on its own port, so the pages' CSP must allow that origin.
/// </summary>
public sealed class VideoNodesFixture : IAsyncLifetime
{
    public VideoEngineProcess Engine { get; } = VideoEngineProcess.Reserve();

    public TestNode A { get; private set; } = default!;

    public TestNode B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var redis = await SharedRedis.ConfigurationAsync();
        var prefix = SharedRedis.UniquePrefix();
        var settings = Engine.Settings(TimeSpan.FromSeconds(60));
        settings["Blob:ConnectionString"] = await AzuriteServer.ConnectionStringAsync();
        settings["Blob:Container"] = AzuriteServer.UniqueContainer();
        var nodes = await Task.WhenAll(TestNode.StartAsync(redis, prefix, settings), TestNode.StartAsync(redis, prefix, settings));
        (A, B) = (nodes[0], nodes[1]);
        await Engine.StartAsync(A.Address);
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }
    }

    /// <summary>A stream <paramref name="host"/> scheduled for later: it goes live when the encoder connects.</summary>
    public async Task<StreamDto> ScheduleAsync(string title, string host = "mia")
    {
        using var http = A.Authorized(await A.TokenAsync(host));
        return await BrowserFixture.Read<StreamDto>(await http.PostAsJsonAsync("/api/streams",
            new ScheduleStreamRequest(title, "E2E", DateTimeOffset.UtcNow.AddMinutes(10), null, null)));
    }

    /// <summary>What the studio shows the host for OBS, joined into the URL an encoder publishes to.</summary>
    public async Task<string> PublishUrlAsync(string streamId, string host = "mia")
    {
        using var http = A.Authorized(await A.TokenAsync(host));
        var ingest = await BrowserFixture.Read<IngestDto>(await http.GetAsync($"/api/streams/{streamId}/ingest"));
        return $"{ingest.ServerUrl}/{ingest.StreamKey}";
    }

    /// <summary>
    /// The segments the stream's playlist lists now (oldest first), each with when the engine
    /// finished writing it; empty when there is no playlist (none yet, or removed after a drop).
    /// </summary>
    public IReadOnlyList<(string Name, DateTimeOffset Written)> Segments(string streamId)
    {
        var hls = Path.Combine(Engine.Dir, "hls");
        try
        {
            return [.. File.ReadAllLines(Path.Combine(hls, streamId + ".m3u8"))
                .Where(l => l.EndsWith(".ts", StringComparison.Ordinal))
                .Select(name => (name, (DateTimeOffset)File.GetLastWriteTimeUtc(Path.Combine(hls, name))))
                .Where(s => s.Item2 > DateTimeOffset.UnixEpoch)]; // removed meanwhile: no time (1601)
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }
}
