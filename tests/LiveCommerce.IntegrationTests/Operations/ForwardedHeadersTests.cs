using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.IntegrationTests.Operations;

/// <summary>
/// Behind the proxy every request comes from the proxy. A node that lists the proxy in
/// <c>ForwardedHeaders:KnownProxies</c> takes the client's address and scheme from it, and from no one
/// else. Real nginx (the shipped forwarding headers) and real Kestrel on loopback; the clients bind
/// their own loopback source addresses (127.0.0.2, …), so each one is a different machine to the server.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "127.0.0.1";      // nginx, and the test's stand-in for a TLS-terminating proxy
    private const string Stranger = "127.0.0.5";   // not a known proxy: talks to the node directly

    [Fact]
    public async Task Two_visitors_behind_the_proxy_are_limited_separately()
    {
        await using var node = await StartAsync();
        await using var nginx = await NginxProcess.StartAsync([node.Address.Port]);
        using var first = From("127.0.0.2", nginx.Address);
        using var second = From("127.0.0.3", nginx.Address);

        await ExhaustAsync(first);

        // The neighbour behind the same proxy still has its whole bucket ...
        Assert.All(await BurstAsync(second), s => Assert.Equal(HttpStatusCode.OK, s));

        // ... and the first cannot escape its own by naming someone else: nginx appends the address it
        // saw, and the node trusts only that last entry.
        Assert.True((await BurstAsync(first, forwardedFor: "203.0.113.7")).Count(s => s == HttpStatusCode.TooManyRequests) >= 2);
    }

    [Fact]
    public async Task A_forwarded_header_from_an_address_that_is_not_a_known_proxy_is_ignored()
    {
        await using var node = await StartAsync();
        using var stranger = From(Stranger, node.Address);
        using var proxy = From(Proxy, node.Address);

        // A client that forges X-Forwarded-For is limited by its real address, whatever it claims:
        // a second forged address shares the spent bucket ...
        await ExhaustAsync(stranger, forwardedFor: "203.0.113.30");
        Assert.True((await BurstAsync(stranger, forwardedFor: "203.0.113.40")).Count(s => s == HttpStatusCode.TooManyRequests) >= 2);

        // ... and the address it named was never charged: a visitor there, through the proxy, is served.
        Assert.All(await BurstAsync(proxy, forwardedFor: "203.0.113.30"), s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task The_scheme_the_browser_used_comes_from_the_proxy_only()
    {
        await using var node = await StartAsync();
        var stream = await Cluster.ScheduleAsync(node);
        using var mia = node.Authorized(await node.TokenAsync("mia"));
        var link = await LiveApi.ReadAsync<ShareLinkDto>(await mia.PostAsJsonAsync("/api/share-links", new ShareLinkRequest(stream.Id, null), LiveApi.Json));

        // A visitor's first click on a share link sets the visitor cookie: Secure when the visitor came over https.
        using var proxy = From(Proxy, node.Address);
        using var stranger = From(Stranger, node.Address);
        Assert.True(await VisitorCookieIsSecureAsync(proxy, link.Url), "behind a TLS-terminating known proxy the cookie is Secure");
        Assert.False(await VisitorCookieIsSecureAsync(stranger, link.Url), "a stranger's X-Forwarded-Proto is ignored");
    }

    private static Task<TestNode> StartAsync() =>
        TestNode.StartAsync(null, "fwd", new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["RateLimits:ApiPerSecond"] = "1",
            ["RateLimits:ApiBurst"] = "5",
        });

    /// <summary>Anonymous API calls until the first 429 (a bucket of 5 refilling one a second).</summary>
    private static async Task ExhaustAsync(HttpClient client, string? forwardedFor = null)
    {
        for (var i = 0; i < 30; i++)
        {
            if (await GetAsync(client, forwardedFor) == HttpStatusCode.TooManyRequests)
            {
                return;
            }
        }

        Assert.Fail("30 calls in a row were never limited");
    }

    /// <summary>
    /// Three calls in well under a second: a fresh bucket serves all three; a spent one, refilling one
    /// token a second, at most one.
    /// </summary>
    private static async Task<HttpStatusCode[]> BurstAsync(HttpClient client, string? forwardedFor = null) =>
        [await GetAsync(client, forwardedFor), await GetAsync(client, forwardedFor), await GetAsync(client, forwardedFor)];

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/streams");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<bool> VisitorCookieIsSecureAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Forwarded-For", "203.0.113.50");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return cookie.Split(';').Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>An HTTP client whose connections leave from <paramref name="source"/> (any 127.0.0.0/8 address is this machine).</summary>
    private static HttpClient From(string source, Uri server) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = server };
}
