using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.IntegrationTests.Faults;

/// <summary>
/// Three server processes on one Redis with nginx in front: the shape infra/cluster starts, owned
/// by one test so it can kill -9 any part of it.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private ProcessCluster(List<ServerProcess> nodes, NginxProcess nginx)
    {
        Nodes = nodes;
        Nginx = nginx;
        Http = new HttpClient { BaseAddress = nginx.Address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public List<ServerProcess> Nodes { get; }

    public NginxProcess Nginx { get; }

    /// <summary>Through nginx.</summary>
    public HttpClient Http { get; }

    public static Dictionary<string, string> Environment(string redis, string prefix) => new()
    {
        ["Auth__SigningKey"] = TestNode.SigningKey,
        ["Auth__EnableDevLogin"] = "true",
        ["Redis__Configuration"] = redis,
        ["Redis__KeyPrefix"] = prefix,
        ["Demo__Enabled"] = "false",
        ["Demo__CrowdSize"] = "0",
        ["RateLimits__AuthPerSecond"] = "1000",
        ["RateLimits__ApiPerSecond"] = "1000",
        ["Realtime__ViewerTtl"] = "00:00:03",
    };

    public static async Task<ProcessCluster> StartAsync(string redis, int nodes = 3)
    {
        var environment = Environment(redis, SharedRedis.UniquePrefix());
        var started = (await Task.WhenAll(Enumerable.Range(0, nodes).Select(_ => ServerProcess.StartAsync(environment)))).ToList();
        var nginx = await NginxProcess.StartAsync(started.Select(n => n.Port));
        return new ProcessCluster(started, nginx);
    }

    public async Task<string> TokenAsync(string handle) =>
        (await LiveApi.DevLoginAsync(Http, handle)).Token;

    public async Task<LiveViewer> ViewerAsync() =>
        await LiveViewer.ConnectAsync(Nginx.Address, (await LiveApi.GuestAsync(Http)).Token);

    /// <summary>A stream hosted by mia, live.</summary>
    public async Task<(StreamDto Stream, HttpClient Host)> LiveStreamAsync()
    {
        var host = new HttpClient { BaseAddress = Nginx.Address, Timeout = TimeSpan.FromSeconds(10) };
        host.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync("mia"));
        var stream = await LiveApi.ReadAsync<StreamDto>(await host.PostAsJsonAsync(
            "/api/streams", new ScheduleStreamRequest("Fault drill", "desc", DateTimeOffset.UtcNow.AddMinutes(5), null, null), LiveApi.Json));
        var live = await LiveApi.ReadAsync<StreamDto>(await host.PostAsync($"/api/streams/{stream.Id}/start", null));
        return (live, host);
    }

    /// <summary>One title change; retried while a node dies under it. Returns false when it never got through.</summary>
    public static async Task<bool> PublishAsync(HttpClient host, string streamId, string title)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                var response = await host.PutAsJsonAsync($"/api/streams/{streamId}",
                    new ScheduleStreamRequest(title, "desc", DateTimeOffset.UtcNow.AddMinutes(5), null, null), LiveApi.Json);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Nginx.DisposeAsync();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
