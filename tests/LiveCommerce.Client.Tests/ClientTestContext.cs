using System.Globalization;
using System.Net;
using System.Text.Json;
using LiveCommerce.Client.Auth;
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
        Services.AddSingleton<ITokenStore, MemoryTokenStore>();
        Services.AddSingleton<AuthApi>();
        Services.AddSingleton<AuthSession>();
        Services.AddSingleton<ApiClient>();
        Services.AddSingleton<FxApi>();
        Services.AddSingleton<CurrencyPreference>();
    }

    public ManualClock Clock { get; } = new(Samples.T0);

    public ScriptedHub Hub { get; } = new();

    public ScriptedHttp Http { get; } = new();
}

internal sealed class MemoryTokenStore : ITokenStore
{
    private string? _value;

    public ValueTask<string?> ReadAsync() => ValueTask.FromResult(_value);

    public ValueTask WriteAsync(string? value)
    {
        _value = value;
        return ValueTask.CompletedTask;
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

/// <summary>Answers HTTP requests by path and query with JSON, like the server.</summary>
internal sealed class ScriptedHttp : HttpMessageHandler
{
    public Dictionary<string, object> Answers { get; } = new(StringComparer.Ordinal);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = request.RequestUri!.PathAndQuery;
        var response = Answers.TryGetValue(key, out var body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(body, ApiJson.Options), System.Text.Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.NotFound);
        return Task.FromResult(response);
    }
}
