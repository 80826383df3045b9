using System.Globalization;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.IntegrationTests.Video;

/// <summary>
/// A real engine (nginx-rtmp) calling node <see cref="A"/> back, and two nodes of one cluster that relay
/// browsers to it: <see cref="A"/> with the shipped bounds, <see cref="Tight"/> with small ones, so the
/// abuse cases (a huge message, an oversized, endless or silent session) end within a test.
/// </summary>
public sealed class BrowserIngestCluster : IAsyncLifetime
{
    public const int TightMessageBytes = 64 * 1024;
    public const int TightSessionBytes = 1024 * 1024;
    public static readonly TimeSpan TightIdle = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan TightDuration = TimeSpan.FromSeconds(6);

    private readonly string _accounts = Path.Combine(Path.GetTempPath(), $"lc-browser-ingest-accounts-{Guid.NewGuid():N}.db");

    public VideoEngineProcess Engine { get; } = VideoEngineProcess.Reserve();

    public TestNode A { get; private set; } = null!;

    public TestNode Tight { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var redis = await SharedRedis.ConfigurationAsync();
        var prefix = SharedRedis.UniquePrefix();
        var settings = Engine.Settings(VideoCluster.Grace);
        // Accounts of their own, so this fixture's files can be deleted with it.
        settings["Accounts:SqlitePath"] = _accounts;
        var tight = new Dictionary<string, string?>(settings);
        tight["Video:Browser:MaxMessageBytes"] = TightMessageBytes.ToString(CultureInfo.InvariantCulture);
        tight["Video:Browser:MaxSessionBytes"] = TightSessionBytes.ToString(CultureInfo.InvariantCulture);
        tight["Video:Browser:IdleTimeout"] = TightIdle.ToString("c", CultureInfo.InvariantCulture);
        tight["Video:Browser:MaxDuration"] = TightDuration.ToString("c", CultureInfo.InvariantCulture);
        var nodes = await Task.WhenAll(TestNode.StartAsync(redis, prefix, settings), TestNode.StartAsync(redis, prefix, tight));
        (A, Tight) = (nodes[0], nodes[1]);
        await Engine.StartAsync(A.Address);
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        await A.DisposeAsync();
        await Tight.DisposeAsync();
        BrowserSocket.DeleteRecordings();
        foreach (var file in Directory.EnumerateFiles(Path.GetTempPath(), Path.GetFileName(_accounts) + "*"))
        {
            File.Delete(file);
        }
    }

    public async Task<StreamDto> ScheduleAsync(string host = "mia")
    {
        using var http = A.Authorized(await A.TokenAsync(host));
        var response = await http.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest("From the browser", "desc", DateTimeOffset.UtcNow.AddMinutes(10), null, null), LiveApi.Json);
        return await LiveApi.ReadAsync<StreamDto>(response);
    }

    public async Task<IngestDto> IngestAsync(string streamId, string host = "mia")
    {
        using var http = A.Authorized(await A.TokenAsync(host));
        return await LiveApi.ReadAsync<IngestDto>(await http.GetAsync($"/api/streams/{streamId}/ingest"));
    }

    public async Task<StreamDto> StreamAsync(string streamId) =>
        (await A.Http.GetFromJsonAsync<StreamDto>($"/api/streams/{streamId}", LiveApi.Json))!;

    /// <summary>The host's browser on <paramref name="node"/>, signed in as <paramref name="handle"/>.</summary>
    public async Task<BrowserSocket> BrowserAsync(TestNode node, string streamId, string handle = "mia") =>
        await BrowserSocket.ConnectAsync(node.Address, streamId, await node.TokenAsync(handle));
}
