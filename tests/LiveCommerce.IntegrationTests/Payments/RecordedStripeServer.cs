using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.IntegrationTests.Payments;

/// <summary>
/// Stripe's API as far as the adapter uses it, on loopback, answering with the RECORDED responses in
/// StripeRecordings/ (Stripe's real response shapes): the intent's id, amount, currency and metadata are
/// those of the request, the rest is the recording. Like Stripe it replays the first answer for a repeated
/// Idempotency-Key, decides a confirmation by the test payment method (pm_card_visa succeeds,
/// pm_card_visa_chargeDeclined is declined with a 402 card_error, pm_card_authenticationRequiredOnSetup asks
/// for 3-D Secure), and refuses a refund above what is left (amount_too_large). It records every request.
/// No Stripe server is reachable from here: this is what the adapter is tested against (docs/OPERATIONS.md).
/// </summary>
public sealed class RecordedStripeServer : IAsyncDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Payments", "StripeRecordings");
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _intents = new();
    private readonly ConcurrentDictionary<string, long> _refunded = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _replies = new();
    private readonly object _gate = new();

    private RecordedStripeServer(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First());

    /// <summary>Every request: method, path, form fields, Idempotency-Key, and the API key it carried.</summary>
    public ConcurrentQueue<RecordedStripeRequest> Requests { get; } = new();

    public static JsonObject Recording(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!.AsObject();

    public static async Task<RecordedStripeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RecordedStripeServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        var form = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString()) : [];
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        Requests.Enqueue(new RecordedStripeRequest(http.Request.Method, http.Request.Path.Value ?? "", form, key.Length == 0 ? null : key,
            http.Request.Headers.Authorization.ToString()));

        (int Status, string Body) reply;
        lock (_gate)
        {
            var replayKey = $"{http.Request.Method} {http.Request.Path}|{key}";
            if (key.Length > 0 && _replies.TryGetValue(replayKey, out var earlier))
            {
                reply = earlier;
            }
            else
            {
                reply = Answer(http.Request.Method, (http.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries), form);
                if (key.Length > 0)
                {
                    _replies[replayKey] = reply;
                }
            }
        }

        http.Response.StatusCode = reply.Status;
        http.Response.ContentType = "application/json";
        http.Response.Headers["Request-Id"] = "req_" + Guid.NewGuid().ToString("N")[..14];
        await http.Response.WriteAsync(reply.Body);
    }

    private (int, string) Answer(string method, string[] path, Dictionary<string, string> form) => (method, path) switch
    {
        ("POST", ["v1", "payment_intents"]) => Create(form),
        ("GET", ["v1", "payment_intents", var id]) => _intents.TryGetValue(id, out var i) ? (200, i.ToJsonString()) : Missing(),
        ("POST", ["v1", "payment_intents", var id, "confirm"]) => _intents.TryGetValue(id, out var i) ? Confirm(i, form) : Missing(),
        ("POST", ["v1", "refunds"]) => Refund(form),
        _ => Missing(),
    };

    private (int, string) Create(Dictionary<string, string> form)
    {
        var intent = Recording("payment_intent.requires_payment_method");
        var id = "pi_3Q" + Guid.NewGuid().ToString("N")[..22];
        intent["id"] = id;
        intent["client_secret"] = id + "_secret_" + Guid.NewGuid().ToString("N")[..16];
        intent["amount"] = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture);
        intent["currency"] = form["currency"];
        var metadata = new JsonObject();
        foreach (var (k, v) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[k["metadata[".Length..^1]] = v;
        }

        intent["metadata"] = metadata;
        _intents[id] = intent;
        return (200, intent.ToJsonString());
    }

    private (int, string) Confirm(JsonObject intent, Dictionary<string, string> form)
    {
        if ((string?)intent["status"] == "succeeded")
        {
            return (200, intent.ToJsonString());
        }

        var (name, status) = form.GetValueOrDefault("payment_method") switch
        {
            "pm_card_visa" => ("payment_intent.succeeded", 200),
            "pm_card_authenticationRequiredOnSetup" => ("payment_intent.requires_action", 200),
            _ => ("error.card_declined", 402),
        };
        var recorded = Recording(name);
        var changed = status == 200 ? recorded : recorded["error"]!["payment_intent"]!.AsObject();
        foreach (var field in new[] { "id", "client_secret", "amount", "currency", "metadata" })
        {
            changed[field] = intent[field]!.DeepClone();
        }

        foreach (var (k, v) in changed.ToList())
        {
            intent[k] = v?.DeepClone();
        }

        return (status, recorded.ToJsonString());
    }

    private (int, string) Refund(Dictionary<string, string> form)
    {
        if (!_intents.TryGetValue(form.GetValueOrDefault("payment_intent") ?? "", out var intent))
        {
            return Missing();
        }

        var paid = (string?)intent["status"] == "succeeded" ? (long)intent["amount"]! : 0;
        var left = paid - _refunded.GetValueOrDefault((string)intent["id"]!);
        var amount = form.TryGetValue("amount", out var a) ? long.Parse(a, System.Globalization.CultureInfo.InvariantCulture) : left;
        if (amount <= 0 || amount > left)
        {
            return (400, Recording("error.amount_too_large").ToJsonString());
        }

        _refunded.AddOrUpdate((string)intent["id"]!, amount, (_, n) => n + amount);
        var refund = Recording("refund.succeeded");
        refund["id"] = "re_3Q" + Guid.NewGuid().ToString("N")[..22];
        refund["amount"] = amount;
        refund["currency"] = intent["currency"]!.DeepClone();
        refund["payment_intent"] = intent["id"]!.DeepClone();
        return (200, refund.ToJsonString());
    }

    private static (int, string) Missing() => (404, Recording("error.resource_missing").ToJsonString());
}

public sealed record RecordedStripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string Authorization);
