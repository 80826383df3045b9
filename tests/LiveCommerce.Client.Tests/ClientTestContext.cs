using System.Globalization;
using System.Net;
using System.Text.Json;
using LiveCommerce.Client.Auth;
using LiveCommerce.Client.Features.Accounts;
using LiveCommerce.Client.Features.Reports;
using LiveCommerce.Client.Features.Shopping;
using LiveCommerce.Client.Realtime;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Client.Tests;

/// <summary>
/// bUnit with the client's real services where they need no browser (localization from the
/// real .resx files, the API classes over a scripted HTTP handler) and a scripted hub.
/// </summary>
internal class ClientTestContext : BunitContext
{
    public ClientTestContext(string culture = "en-US")
    {
        var info = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentCulture = info;
        CultureInfo.CurrentUICulture = info;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<ILivePushes>(Hub);
        Services.AddSingleton<ILiveHub>(new LiveHubProxy(Hub.CallAsync));
        Services.AddSingleton(new HttpClient(Http) { BaseAddress = new Uri("http://app.test/") });
        Services.AddSingleton<AuthApi>();
        Services.AddSingleton<AuthSession>();
        Services.AddSingleton<ApiClient>();
        Services.AddSingleton<AccountApi>();
        Services.AddSingleton<ReportsApi>();
        Services.AddSingleton<ShareTouchClaims>();
        Services.AddSingleton<FxApi>();
        Services.AddSingleton<CurrencyPreference>();
        Services.AddSingleton<LiveCommerce.Client.Features.Sales.SalesApi>(); // the buy panel reads what can be bought now
        Services.AddSingleton<LiveCommerce.Client.Features.Sales.HoldMemory>(); // and remembers a hold across reloads
        Services.AddSingleton<LiveCommerce.Client.Features.Shipping.ShippingApi>(); // and where it ships, and what it costs there
    }

    public ManualClock Clock { get; } = new(Samples.T0);

    public ScriptedHub Hub { get; } = new();

    public ScriptedHttp Http { get; } = new();

    public AuthSession Session => Services.GetRequiredService<AuthSession>();

    /// <summary>Signs the session in as an account (guests may not comment or buy), the way a confirmed email does.</summary>
    public ClientTestContext SignedIn(TokenResponse? token = null)
    {
        Session.Adopt(token ?? Samples.Token());
        return this;
    }
}

/// <summary>Records hub calls (made through the real <see cref="LiveHubProxy"/>) and answers them with what the test set up.</summary>
internal sealed class ScriptedHub : ILivePushes
{
    public List<(string Method, object?[] Args)> Calls { get; } = [];

    public Func<string, object?[], object?> Answer { get; set; } = (_, _) => null;

    public event Action<string, object>? Received;

    public void Push(string method, object payload) => Received?.Invoke(method, payload);

    public Task<object?> CallAsync(string method, Type returnType, object?[] args, CancellationToken ct)
    {
        Calls.Add((method, args));
        return Task.FromResult(Answer(method, args));
    }
}

/// <summary>
/// Answers HTTP requests like the server: <see cref="Answers"/> by path and query with a 200 JSON
/// body (any method), or <see cref="Routes"/> by "METHOD /path?query" with any status and body,
/// possibly later (a TaskCompletionSource) to test requests in flight. Records every request with its body.
/// </summary>
internal sealed class ScriptedHttp : HttpMessageHandler
{
    public Dictionary<string, object> Answers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Func<RecordedRequest, Task<HttpResponseMessage>>> Routes { get; } = new(StringComparer.Ordinal);

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>"POST /api/auth/login" answers <paramref name="status"/> with <paramref name="body"/> as JSON (none when null).</summary>
    public void On(string route, HttpStatusCode status, object? body = null) =>
        Routes[route] = _ => Task.FromResult(Json(status, body));

    /// <summary>"POST /api/auth/login" answers a ProblemDetails refusal with <paramref name="code"/>.</summary>
    public void Refuse(string route, HttpStatusCode status, string code, string detail = "Refused.") =>
        On(route, status, new { type = "about:blank", title = code, status = (int)status, detail, code });

    public IReadOnlyList<RecordedRequest> To(string route) => [.. Requests.Where(r => r.Route == route)];

    public static HttpResponseMessage Json(HttpStatusCode status, object? body) => new(status)
    {
        Content = body is null ? new ByteArrayContent([]) : new StringContent(JsonSerializer.Serialize(body, ApiJson.Options), System.Text.Encoding.UTF8, "application/json"),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!.PathAndQuery, body, request.Headers.Authorization?.Parameter);
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        if (Routes.TryGetValue(recorded.Route, out var route))
        {
            return await route(recorded);
        }

        return Answers.TryGetValue(recorded.PathAndQuery, out var answer) ? Json(HttpStatusCode.OK, answer) : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}

internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Body, string? BearerToken)
{
    public string Route => Method + " " + PathAndQuery;

    public JsonElement Json => JsonDocument.Parse(Body ?? "null").RootElement;
}
