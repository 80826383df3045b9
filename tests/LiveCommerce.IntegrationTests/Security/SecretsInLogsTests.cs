using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Auth;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveCommerce.IntegrationTests.Security;

/// <summary>Everything the node logs, at every level, while people sign in and act: no token, no key.</summary>
public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task Signing_in_and_calling_the_hub_and_api_logs_no_token_and_no_signing_key()
    {
        var logs = new LogCapture();
        var secrets = new List<string>();
        var media = Directory.CreateTempSubdirectory("lc-logs-media-").FullName;
        try
        {
            await using var node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(),
                new Dictionary<string, string?> { ["Blob:LocalPath"] = media },
                logging: l =>
                {
                    // Everything, including the framework categories appsettings.json turns down.
                    l.SetMinimumLevel(LogLevel.Trace);
                    l.AddFilter("Microsoft", LogLevel.Trace);
                    l.AddFilter("Microsoft.AspNetCore", LogLevel.Trace);
                    l.AddFilter("System", LogLevel.Trace);
                    l.AddProvider(logs);
                });

            secrets.AddRange([TestNode.SigningKey, node.Get<IOptions<AuthOptions>>().Value.SigningKey]);
            var guest = await LiveApi.GuestAsync(node.Http);
            var miaSession = await LiveApi.DevLoginAsync(node.Http, "mia");
            var mia = miaSession.Token;
            var glow = (await LiveApi.DevLoginAsync(node.Http, "glow")).Token;
            secrets.AddRange([guest.Token, mia, glow, miaSession.RefreshToken!]);

            // Accounts: a password (sign-up and a wrong sign-in), refresh tokens (rotated, then replayed).
            const string password = "Unlogged-Secret-417";
            var email = $"secret-{Guid.NewGuid():N}@example.test";
            secrets.Add(password);
            Assert.Equal(HttpStatusCode.Accepted, (await node.Http.PostAsJsonAsync("/api/auth/register", new RegisterRequest(email, password, "Quiet Person"), LiveApi.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await node.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(email, password + "x"), LiveApi.Json)).StatusCode);
            var rotated = await LiveApi.ReadAsync<TokenResponse>(await node.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(miaSession.RefreshToken), LiveApi.Json));
            secrets.AddRange([rotated.Token, rotated.RefreshToken!]);
            Assert.Equal(HttpStatusCode.Unauthorized, (await node.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(miaSession.RefreshToken), LiveApi.Json)).StatusCode);

            // Through the API: a world (stream, product, image, showcase, start) and some refusals.
            var world = await World.CreateAsync(node);
            using var viewerHttp = node.Authorized(guest.Token);
            Assert.Equal(HttpStatusCode.Forbidden, (await viewerHttp.PostAsJsonAsync("/api/products", Surface.Sample(typeof(ProductRequest), world), LiveApi.Json)).StatusCode);
            var forged = mia[..^4] + (mia[^4] == 'A' ? "BBBB" : "AAAA");
            secrets.Add(forged);
            using var forgedHttp = node.Authorized(forged);
            Assert.Equal(HttpStatusCode.Unauthorized, (await forgedHttp.PostAsync($"/api/streams/{world.StreamId}/end", null)).StatusCode);

            // Through the hub (the token travels in the WebSocket URL's query string).
            await using var viewer = await LiveViewer.ConnectAsync(node.Address, guest.Token, reconnect: false);
            await viewer.JoinAsync(world.StreamId);
            await using var host = await LiveViewer.ConnectAsync(node.Address, mia, reconnect: false);
            await host.Hub.PinProduct(world.StreamId, world.ProductId, null);
            await Assert.ThrowsAsync<HubException>(() => viewer.Hub.PinProduct(world.StreamId, world.ProductId, null));
            // Browsers cannot set headers on a WebSocket: their token travels as ?access_token=.
            (await node.Http.GetAsync($"/hubs/live?access_token={Uri.EscapeDataString(mia)}")).Dispose();
            (await node.Http.GetAsync($"/hubs/live?access_token={Uri.EscapeDataString(forged)}")).Dispose();
            var refused = await Record.ExceptionAsync(() => LiveViewer.ConnectAsync(node.Address, forged, reconnect: false));
            Assert.NotNull(refused);

            // The studio's camera socket takes its token from the query too (no engine here: it is closed at once).
            await using (var camera = await Video.BrowserSocket.ConnectAsync(node.Address, world.StreamId, mia))
            {
                Assert.Equal(BrowserIngestClose.NoEngine, (await camera.ClosedAsync(TimeSpan.FromSeconds(10))).Code);
            }

            Assert.Equal(HttpStatusCode.Unauthorized, await Video.BrowserSocket.RefusedHandshakeAsync(node.Address, world.StreamId, forged));
        }
        finally
        {
            Directory.Delete(media, recursive: true);
        }

        Assert.Contains(logs.Lines, l => l.Category.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal)); // framework logs are captured too
        // A JWT's signature segment alone is enough to matter; the key is checked whole.
        var needles = secrets.Concat(secrets.Where(s => s.Count(c => c == '.') == 2).Select(s => s[(s.LastIndexOf('.') + 1)..])).Distinct().ToArray();
        var leaks = logs.Lines.Where(l => needles.Any(n => l.Text.Contains(n, StringComparison.Ordinal)))
            .Select(l => $"{l.Level} {l.Category}: {l.Text[..Math.Min(300, l.Text.Length)]}").ToArray();
        Assert.True(leaks.Length == 0, "Secrets in logs:\n" + string.Join("\n", leaks.Take(5)));
    }
}
