using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Accounts;

/// <summary>
/// Access tokens live seconds here (minutes in production): the hub closes a connection when its
/// token expires, and a client that refreshes its session reconnects and resumes with its lastSeq.
/// </summary>
public sealed class TokenExpiryTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_connection_closes_at_token_expiry_and_the_client_comes_back_caught_up_with_zero_missed_events()
    {
        await using var node = await TestNode.StartAsync(null, "expiry-" + Guid.NewGuid().ToString("N")[..6], new Dictionary<string, string?>
        {
            ["Auth:TokenLifetime"] = Lifetime.ToString(),
            ["Auth:ClockSkew"] = "00:00:00",
        });
        var host = await RefreshingSession.SignInAsync(node, "mia");
        var viewerSession = await RefreshingSession.SignInAsync(node, "sam");
        using var hostHttp = new HttpClient { BaseAddress = node.Address };
        var stream = await LiveApi.ReadAsync<StreamDto>(await host.SendAsync(hostHttp, HttpMethod.Post, "/api/streams",
            new ScheduleStreamRequest("Expiry drill", "desc", DateTimeOffset.UtcNow.AddMinutes(5), null, null)));
        await LiveApi.ReadAsync<StreamDto>(await host.SendAsync(hostHttp, HttpMethod.Post, $"/api/streams/{stream.Id}/start", null));

        await using var viewer = await LiveViewer.ConnectAsync(node.Address, viewerSession.TokenAsync);
        var closed = 0;
        viewer.Connection.Reconnecting += _ =>
        {
            Interlocked.Increment(ref closed);
            return Task.CompletedTask;
        };
        var joinedAt = (await viewer.JoinAsync(stream.Id)).Seq;

        // The host keeps publishing across several of the viewer's token lifetimes.
        var deadline = DateTime.UtcNow + (Lifetime * 3) + TimeSpan.FromSeconds(1);
        var published = 0;
        while (DateTime.UtcNow < deadline || Volatile.Read(ref closed) < 2)
        {
            var response = await host.SendAsync(hostHttp, HttpMethod.Put, $"/api/streams/{stream.Id}",
                new ScheduleStreamRequest($"title {published}", "desc", DateTimeOffset.UtcNow.AddMinutes(5), null, null));
            response.EnsureSuccessStatusCode();
            published++;
            Assert.True(DateTime.UtcNow < deadline + TimeSpan.FromSeconds(20), "the hub never closed the connection at token expiry");
            await Task.Delay(150);
        }

        await using var probe = await LiveViewer.ConnectAsync(node.Address, await node.ViewerTokenAsync());
        var final = (await probe.JoinAsync(stream.Id)).Seq;
        await viewer.WaitUntilAsync(v => v.LastSeq(stream.Id) == final, TimeSpan.FromSeconds(20), $"seq {final}");

        Assert.True(Volatile.Read(ref closed) >= 2, $"the connection closed {closed} time(s)");
        var seqs = viewer.Events(stream.Id).Select(e => e.Seq).ToArray();
        Assert.Equal(Enumerable.Range((int)joinedAt + 1, (int)(final - joinedAt)).Select(s => (long)s), seqs);
        Assert.Equal($"title {published - 1}", ((StreamUpdated)viewer.Events(stream.Id)[^1]).Stream.Title);
    }

    [Fact]
    public async Task An_expired_access_token_is_refused_over_http_and_the_refresh_token_renews_it()
    {
        await using var node = await TestNode.StartAsync(null, "expiry-" + Guid.NewGuid().ToString("N")[..6], new Dictionary<string, string?>
        {
            ["Auth:TokenLifetime"] = "00:00:03",
            ["Auth:ClockSkew"] = "00:00:00",
        });
        var session = await LiveApi.DevLoginAsync(node.Http, "sam");
        using var me = node.Authorized(session.Token);
        Assert.True((await me.GetAsync("/api/me")).IsSuccessStatusCode);

        using var expired = await WaitForRefusalAsync(me);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, expired.StatusCode);

        var renewed = await LiveApi.ReadAsync<TokenResponse>(await node.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(session.RefreshToken), LiveApi.Json));
        Assert.True((await node.Authorized(renewed.Token).GetAsync("/api/me")).IsSuccessStatusCode);
    }

    private static async Task<HttpResponseMessage> WaitForRefusalAsync(HttpClient client)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await client.GetAsync("/api/me");
            if (!response.IsSuccessStatusCode || DateTime.UtcNow > until)
            {
                return response;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A client's session as the web app keeps it: the access token, renewed shortly before it expires.</summary>
    private sealed class RefreshingSession(TestNode node, TokenResponse first)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private TokenResponse _current = first;

        public static async Task<RefreshingSession> SignInAsync(TestNode node, string handle) =>
            new(node, await LiveApi.DevLoginAsync(node.Http, handle));

        public async Task<string> TokenAsync()
        {
            await _gate.WaitAsync();
            try
            {
                if (_current.ExpiresAt!.Value - DateTimeOffset.UtcNow < TimeSpan.FromSeconds(1))
                {
                    using var response = await node.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(_current.RefreshToken), LiveApi.Json);
                    _current = await LiveApi.ReadAsync<TokenResponse>(response);
                }

                return _current.Token;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, object? body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: LiveApi.Json) };
            request.Headers.Authorization = new("Bearer", await TokenAsync());
            return await http.SendAsync(request);
        }
    }
}
