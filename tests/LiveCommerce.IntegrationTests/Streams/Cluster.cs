using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Streams;

/// <summary>
/// Two real nodes sharing one real redis-server through the backplane, isolated by key prefix. A
/// fixture whose nodes need extra configuration derives from it, passing the settings.
/// </summary>
public class Cluster : IAsyncLifetime
{
    private readonly IDictionary<string, string?>? _settings;

    public Cluster()
    {
    }

    protected Cluster(IDictionary<string, string?> settings) => _settings = settings;

    public TestNode A { get; private set; } = null!;

    public TestNode B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var redis = await SharedRedis.ConfigurationAsync();
        var prefix = SharedRedis.UniquePrefix();
        var nodes = await Task.WhenAll(TestNode.StartAsync(redis, prefix, _settings), TestNode.StartAsync(redis, prefix, _settings));
        (A, B) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    /// <summary>A new upcoming stream hosted by <paramref name="host"/>, scheduled through <paramref name="node"/>.</summary>
    public static async Task<StreamDto> ScheduleAsync(TestNode node, string host = "mia", string title = "Test stream")
    {
        using var http = node.Authorized(await node.TokenAsync(host));
        var response = await http.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest(title, "desc", DateTimeOffset.UtcNow.AddMinutes(10), null, null), LiveApi.Json);
        return await LiveApi.ReadAsync<StreamDto>(response);
    }

    public static async Task<StreamDto> UpdateTitleAsync(TestNode node, string streamId, string title, string host = "mia")
    {
        using var http = node.Authorized(await node.TokenAsync(host));
        var response = await http.PutAsJsonAsync($"/api/streams/{streamId}", new ScheduleStreamRequest(title, "desc", DateTimeOffset.UtcNow.AddMinutes(10), null, null), LiveApi.Json);
        return await LiveApi.ReadAsync<StreamDto>(response);
    }
}
