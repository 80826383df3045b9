using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Server;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.TestKit;

/// <summary>
/// One real server node: the production wiring (AddLiveCommerce/MapLiveCommerce) on a loopback
/// Kestrel port. Nodes that share a Redis and key prefix form one cluster through the backplane.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    /// <summary>Every node of a test signs and validates with this key, as a real cluster would.</summary>
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";

    private static readonly ConcurrentDictionary<string, Task<string>> Tokens = new();

    /// <summary>
    /// The SQLite accounts file the nodes of this test process share (a cluster shares its accounts),
    /// new for every run so that no account state leaks from an earlier run.
    /// </summary>
    private static readonly string AccountsFile = Path.Combine(Path.GetTempPath(), $"lc-accounts-{Environment.ProcessId}-{Guid.NewGuid():N}.db");

    private readonly WebApplication _app;
    private bool _killed;

    private TestNode(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="redis">Redis configuration, or null for the in-process adapters.</param>
    /// <param name="logging">Optional: add providers (e.g. a capturing one) to the node's logging; its minimum level stays as the hook sets it.</param>
    /// <param name="environment">
    /// The host environment, Development unless given. In Development the kit turns the demo off and
    /// dev sign-in on; in any other environment it leaves both at the shipped defaults, so a test
    /// can prove what a production node does.
    /// </param>
    /// <param name="services">Optional: changes to the production wiring (e.g. a decorated port), applied after it.</param>
    public static async Task<TestNode> StartAsync(
        string? redis, string prefix, IDictionary<string, string?>? settings = null, int port = 0, Action<ILoggingBuilder>? logging = null,
        string? environment = null, Action<IServiceCollection>? services = null)
    {
        environment ??= Environments.Development;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(LiveCommerceHosting).Assembly.GetName().Name,
        });
        var defaults = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis ?? "",
            ["Redis:KeyPrefix"] = prefix,
            ["Auth:SigningKey"] = SigningKey,
            // Tokens are cached per handle for the whole run; the expiry tests set their own.
            ["Auth:TokenLifetime"] = "01:00:00",
            ["Accounts:PublicBaseUrl"] = "http://127.0.0.1",
            ["Accounts:SqlitePath"] = AccountsFile,
            ["Realtime:ViewerTtl"] = "00:00:03",
            ["Realtime:ViewerCountInterval"] = "00:00:00.200",
            ["Realtime:StreamHeadInterval"] = "00:00:01",
            // Tests pay in test mode in every environment; ProductionStartupTests turns this off to see the refusal.
            ["Payments:AllowSimulatedInProduction"] = "true",
        };
        if (environment != Environments.Development)
        {
            // The client's files from the build output are served as a published node serves its own: as built
            // (no reload on change), with their integrity and cache headers.
            defaults["ReloadStaticAssetsAtRuntime"] = "false";
        }

        if (environment == Environments.Development)
        {
            defaults["Auth:EnableDevLogin"] = "true";
            defaults["Demo:Enabled"] = "false";
            defaults["Demo:CrowdSize"] = "0";
        }

        builder.Configuration.AddInMemoryCollection(defaults);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        if (environment != Environments.Development)
        {
            builder.WebHost.UseStaticWebAssets(); // where a published node has its wwwroot (Development does this by itself)
        }

        builder.AddLiveCommerce();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapLiveCommerce();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync(); // a node that refuses to start leaves nothing running
            throw;
        }

        return new TestNode(app, new Uri(app.Urls.First()));
    }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>
    /// A node with accounts as production runs them: dev sign-in off, its own PostgreSQL database,
    /// mail through the SMTP sink, mailed links under <paramref name="publicBaseUrl"/>, and the
    /// rate limits raised (in tests one address plays many people).
    /// </summary>
    public static Dictionary<string, string?> RealAccountsSettings(string database, SmtpSink smtp, string publicBaseUrl) => new()
    {
        ["Auth:EnableDevLogin"] = "false",
        ["Accounts:ConnectionString"] = database,
        ["Accounts:PublicBaseUrl"] = publicBaseUrl,
        ["Mail:Smtp:Host"] = smtp.Host,
        ["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:UseTls"] = "false",
        ["Mail:From"] = "LiveCommerce <no-reply@shop.example.test>",
        ["RateLimits:AuthPerSecond"] = "1000",
        ["RateLimits:AuthBurst"] = "1000",
        ["RateLimits:ApiPerSecond"] = "1000",
        ["RateLimits:ApiBurst"] = "1000",
    };

    /// <summary>
    /// A demo account's token, fetched once per handle and accounts store (nodes share the signing key).
    /// With dev sign-in on, through the dev-login endpoint; with it off, as production signs people in:
    /// the cast member is a real account with a password, signed in through <c>/api/auth/login</c>.
    /// </summary>
    public Task<string> TokenAsync(string handle)
    {
        var config = Get<IConfiguration>();
        if (config.GetValue<bool>("Auth:EnableDevLogin"))
        {
            return Tokens.GetOrAdd(handle, async h => (await LiveApi.DevLoginAsync(Http, h)).Token);
        }

        return Tokens.GetOrAdd($"{handle}|{config["Accounts:ConnectionString"]}|{config["Accounts:SqlitePath"]}", async _ =>
        {
            var account = Get<DemoAccounts>().FindByHandle(handle) ?? throw new ArgumentException($"No demo account '{handle}'.", nameof(handle));
            await using (var work = Get<IServiceScopeFactory>().OpenAccounts())
            {
                await DemoAccounts.EnsureSeededAsync(work, account, DemoAccounts.DevelopmentPassword, DateTimeOffset.UtcNow, CancellationToken.None);
            }

            using var response = await Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(DemoAccounts.EmailOf(account), DemoAccounts.DevelopmentPassword), LiveApi.Json);
            return (await LiveApi.ReadAsync<TokenResponse>(response)).Token;
        });
    }

    /// <summary>A fresh guest (watch and react only), minted directly so crowds in tests do not trip the sign-in rate limit.</summary>
    public Task<string> GuestTokenAsync() =>
        Task.FromResult(Get<TokenIssuer>().IssueGuest(Actor.GuestPrefix + Guid.NewGuid().ToString("N")[..12], "Guest").Token);

    /// <summary>A fresh signed-in viewer (may comment and buy), minted directly like <see cref="GuestTokenAsync"/>.</summary>
    public Task<string> ViewerTokenAsync() =>
        Task.FromResult(Get<TokenIssuer>().Issue(new SessionIdentity("u-viewer-" + Guid.NewGuid().ToString("N")[..12], "Viewer", Roles.Viewer)).Token);

    /// <summary>A hub client: a demo account by handle, else a fresh signed-in viewer.</summary>
    public async Task<LiveViewer> ViewerAsync(string? handle = null, WireProtocol protocol = WireProtocol.Json, bool reconnect = true) =>
        await LiveViewer.ConnectAsync(Address, handle is null ? await ViewerTokenAsync() : await TokenAsync(handle), protocol, reconnect);

    /// <summary>Polls <c>/health/ready</c> until it answers <paramref name="wanted"/>, and returns that answer's body.</summary>
    public async Task<string> WaitForReadinessAsync(HttpStatusCode wanted, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            using var response = await Http.GetAsync("/health/ready");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == wanted)
            {
                return body;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"/health/ready stayed {(int)response.StatusCode} for {patience}, not {(int)wanted}: {body}");
            }

            await Task.Delay(200);
        }
    }

    public HttpClient Authorized(string token)
    {
        var http = new HttpClient { BaseAddress = Address };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(cts.Token);
    }

    /// <summary>
    /// Stops the node as a crash would, as far as one process allows: connections are cut at once and nothing waits
    /// for the requests in flight (their callers never hear back).
    /// </summary>
    public async Task KillAsync()
    {
        _killed = true;
        try
        {
            await _app.StopAsync(new CancellationToken(canceled: true));
        }
        catch (Exception e) when (e is OperationCanceledException or AggregateException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_killed)
        {
            await StopAsync();
        }

        await _app.DisposeAsync();
    }
}
