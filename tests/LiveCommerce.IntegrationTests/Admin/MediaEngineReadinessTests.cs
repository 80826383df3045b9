using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Admin;

/// <summary>The media engine's readiness: its RTMP port accepts connections, or the node reports Degraded (still ready).</summary>
public sealed class MediaEngineReadinessTests
{
    [Fact]
    public async Task The_engine_is_ready_while_its_port_listens_and_degraded_once_it_stops()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var node = await TestNode.StartAsync(null, "engine-" + Guid.NewGuid().ToString("N")[..6], new Dictionary<string, string?>
        {
            ["Video:Engine:RtmpUrl"] = $"rtmp://127.0.0.1:{port}/live",
            ["Video:Secret"] = new string('s', 40),
        });

        Assert.Equal("Healthy", EngineStatus(await node.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(10))));

        listener.Stop();
        var body = await node.WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        Assert.Equal("Degraded", EngineStatus(body));
    }

    private static string? EngineStatus(string readiness) =>
        JsonDocument.Parse(readiness).RootElement.GetProperty("checks").GetProperty("media-engine").GetProperty("status").GetString();
}
