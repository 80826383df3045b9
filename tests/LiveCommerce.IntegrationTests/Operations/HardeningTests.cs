using System.Net;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.IntegrationTests.Operations;

public sealed class HardeningTests(Cluster cluster) : IClassFixture<Cluster>
{
    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_no_sniffing()
    {
        var response = await cluster.A.Http.GetAsync("/");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Camera_and_microphone_are_allowed_on_studio_documents_only()
    {
        foreach (var page in new[] { "/studio", "/studio/demo-live", "/STUDIO/x" })
        {
            using var studio = await cluster.A.Http.GetAsync(page);
            Assert.Equal("camera=(self), microphone=(self), geolocation=()", studio.Headers.GetValues("Permissions-Policy").Single());
        }

        // Every other document keeps them off, so only a full load of the studio can ask for the camera.
        foreach (var page in new[] { "/", "/watch/demo-live", "/studios", "/api/streams", "/index.html" })
        {
            using var other = await cluster.A.Http.GetAsync(page);
            Assert.Equal("camera=(), microphone=(), geolocation=()", other.Headers.GetValues("Permissions-Policy").Single());
        }
    }

    [Fact]
    public async Task Cross_origin_requests_are_not_granted_by_default()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/streams");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await cluster.A.Http.SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_flooding_connection_is_limited_while_another_viewer_is_served()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var flooder = await cluster.A.ViewerAsync();
        await using var neighbour = await cluster.A.ViewerAsync();

        var calls = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            try
            {
                await flooder.Hub.JoinStream(stream.Id, null);
                return "ok";
            }
            catch (HubException e)
            {
                return ErrorCodes.FromHubError(e.Message);
            }
        }));

        Assert.Contains(ErrorCodes.RateLimited, calls);
        Assert.Contains("ok", calls);
        Assert.Equal(HubConnectionState.Connected, flooder.Connection.State);
        var snapshot = await neighbour.JoinAsync(stream.Id);
        Assert.Equal(stream.Id, snapshot.Stream.Id);
    }
}
