using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Payments;

/// <summary>
/// The payment provider of test mode (the default with nothing configured), behaving as Stripe does with its
/// test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0025 0000 3155 asks for
/// 3-D Secure (answered on the simulated challenge); any other valid number succeeds. Every call is idempotent
/// by key; each succeeded or failed payment is told to the cluster again by a webhook signed with
/// <c>Payments:Simulated:WebhookSecret</c>, delivered late and sometimes twice to a node that is up
/// (<see cref="SimulatedWebhookDelivery"/>). Its ledger is <see cref="SimulatedPaymentLedger.Shared"/>, one per
/// process, and so is its webhook sender: nodes of one process (the tests' clusters) see one provider, as nodes
/// see one Stripe account, and a node that dies takes neither with it; idempotency keys and webhook endpoints
/// are scoped by <c>Redis:KeyPrefix</c>, the cluster.
/// </summary>
public sealed class SimulatedPaymentProvider(
    IOptions<PaymentOptions> options,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<SimulatedWebhookDelivery> logger) : IPaymentProvider
{
    public const string ProviderName = "simulated";
    public const string Header = "LiveCommerce-Signature";

    private const string DeclinedCard = "4000000000000002";
    private const string ThreeDSecureCard = "4000002500003155";

    private readonly string _account = configuration["Redis:KeyPrefix"] ?? "";
    private readonly SimulatedWebhookDelivery _webhooks = SimulatedWebhookDelivery.For(configuration["Redis:KeyPrefix"] ?? "");

    public SimulatedPaymentLedger Ledger => SimulatedPaymentLedger.Shared;

    public string Name => ProviderName;

    public bool TestMode => true;

    public string SignatureHeader => Header;

    /// <summary>How many refunds were made of each payment: a refund reaches the provider once per key (tests prove it).</summary>
    public int RefundCallsOf(string paymentReference) => Ledger.RefundCalls.GetValueOrDefault(paymentReference);

    /// <summary>How many times each payment was charged: once at most, however often it is confirmed.</summary>
    public int ChargesOf(string intentId) => Ledger.Charges.GetValueOrDefault(intentId);

    public async Task<PaymentIntent> CreateIntentAsync(CreatePaymentIntent request, CancellationToken ct = default)
    {
        await LatencyAsync(ct);
        var id = Ledger.Keys.GetOrAdd($"{_account}|create|{request.IdempotencyKey}", _ =>
        {
            var intent = new SimulatedIntent("pi_sim_" + Guid.NewGuid().ToString("N")[..24], request.Amount, request.Currency, request.Metadata);
            Ledger.Intents[intent.Id] = intent;
            return intent.Id;
        });
        return Ledger.Intents[id].Snapshot();
    }

    public async Task<PaymentIntent?> GetIntentAsync(string intentId, CancellationToken ct = default)
    {
        await LatencyAsync(ct);
        return Ledger.Intents.TryGetValue(intentId, out var intent) ? intent.Snapshot() : null;
    }

    public async Task<PaymentIntent> ConfirmAsync(string intentId, PaymentMethodInput method, string idempotencyKey, CancellationToken ct = default)
    {
        var intent = Find(intentId);
        await LatencyAsync(ct);
        var number = new string((method.CardNumber ?? "").Where(char.IsAsciiDigit).ToArray());
        var answer = Ledger.Keys.GetOrAdd($"{_account}|confirm|{intentId}|{idempotencyKey}", _ =>
        {
            PaymentEvent? happened;
            lock (intent)
            {
                if (intent.Status is PaymentStatus.Succeeded or PaymentStatus.Canceled)
                {
                    return intent.Id; // confirmed already: nothing more is charged
                }

                // The state first, then the event, which carries the intent as it now is.
                (intent.Status, intent.FailureCode) = number switch
                {
                    DeclinedCard => (PaymentStatus.RequiresPaymentMethod, "card_declined"),
                    ThreeDSecureCard => (PaymentStatus.RequiresAction, (string?)null),
                    _ => (PaymentStatus.Succeeded, null),
                };
                happened = intent.Status switch
                {
                    PaymentStatus.Succeeded => Charge(intent),
                    PaymentStatus.RequiresPaymentMethod => Event(PaymentEvent.IntentFailed, intent),
                    _ => null,
                };
            }

            if (happened is not null)
            {
                _webhooks.Enqueue(happened, options.Value.Simulated, clock, logger);
            }

            return intent.Id;
        });
        return Ledger.Intents[answer].Snapshot();
    }

    public async Task<PaymentIntent> AnswerTestChallengeAsync(string intentId, bool approve, CancellationToken ct = default)
    {
        var intent = Find(intentId);
        await LatencyAsync(ct);
        PaymentEvent? happened = null;
        lock (intent)
        {
            if (intent.Status == PaymentStatus.RequiresAction)
            {
                (intent.Status, intent.FailureCode) = approve ? (PaymentStatus.Succeeded, (string?)null) : (PaymentStatus.RequiresPaymentMethod, "authentication_failed");
                happened = approve ? Charge(intent) : Event(PaymentEvent.IntentFailed, intent);
            }
        }

        if (happened is not null)
        {
            _webhooks.Enqueue(happened, options.Value.Simulated, clock, logger);
        }

        return intent.Snapshot();
    }

    public async Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken ct = default)
    {
        var intent = Find(request.PaymentReference);
        await LatencyAsync(ct);
        var key = $"{_account}|refund|{request.IdempotencyKey}";
        if (Ledger.Refunds.TryGetValue(key, out var earlier))
        {
            return earlier;
        }

        lock (intent)
        {
            if (Ledger.Refunds.TryGetValue(key, out earlier))
            {
                return earlier;
            }

            var left = intent.Status == PaymentStatus.Succeeded ? intent.Amount - intent.Refunded : 0m;
            var amount = request.Amount ?? left;
            if (amount <= 0 || amount > left)
            {
                throw AppException.ForField(ErrorCodes.RefundExceedsPaid, "amount", $"At most {left} {intent.Currency} is left to refund.");
            }

            intent.Refunded += amount;
            var refund = new RefundResult("re_sim_" + Guid.NewGuid().ToString("N")[..24], amount, intent.Currency);
            Ledger.Refunds[key] = refund;
            Ledger.RefundCalls.AddOrUpdate(intent.Id, 1, (_, n) => n + 1);
            return refund;
        }
    }

    public PaymentEvent ParseWebhook(string payload, string? signature)
    {
        if (!SimulatedWebhookSignature.IsValid(payload, signature, options.Value.Simulated.WebhookSecret, clock.GetUtcNow(), options.Value.WebhookTolerance))
        {
            throw new AppException(ErrorCodes.WebhookSignatureInvalid, "The webhook's signature does not match.");
        }

        return SimulatedWebhookSignature.Read(payload);
    }

    private SimulatedIntent Find(string intentId) =>
        Ledger.Intents.TryGetValue(intentId ?? "", out var intent)
            ? intent
            : throw AppException.NotFound(ErrorCodes.PaymentNotFound, "No such payment.");

    private PaymentEvent Charge(SimulatedIntent intent)
    {
        Ledger.Charges.AddOrUpdate(intent.Id, 1, (_, n) => n + 1);
        return Event(PaymentEvent.IntentSucceeded, intent);
    }

    private static PaymentEvent Event(string type, SimulatedIntent intent) => new("evt_sim_" + Guid.NewGuid().ToString("N")[..24], type, intent.Snapshot());

    private Task LatencyAsync(CancellationToken ct) =>
        options.Value.LatencyMs > 0 ? Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(options.Value.LatencyMs / 2, options.Value.LatencyMs + 1)), clock, ct) : Task.CompletedTask;
}

/// <summary>One intent in the simulated provider's books; changed under its own lock.</summary>
public sealed class SimulatedIntent(string id, decimal amount, string currency, IReadOnlyDictionary<string, string> metadata)
{
    public string Id { get; } = id;

    public decimal Amount { get; } = amount;

    public string Currency { get; } = currency;

    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    public PaymentStatus Status { get; set; } = PaymentStatus.RequiresPaymentMethod;

    public string? FailureCode { get; set; }

    public decimal Refunded { get; set; }

    public PaymentIntent Snapshot()
    {
        lock (this)
        {
            return new PaymentIntent(Id, Id + "_secret_sim", Status, Amount, Currency, Metadata,
                Status == PaymentStatus.RequiresAction ? $"/api/payments/test-challenge/{Id}" : null, FailureCode);
        }
    }
}

/// <summary>The simulated provider's books, one per process (see <see cref="SimulatedPaymentProvider"/>).</summary>
public sealed class SimulatedPaymentLedger
{
    public static SimulatedPaymentLedger Shared { get; } = new();

    public ConcurrentDictionary<string, SimulatedIntent> Intents { get; } = new();

    /// <summary>Idempotency key → the intent it answered.</summary>
    public ConcurrentDictionary<string, string> Keys { get; } = new();

    public ConcurrentDictionary<string, RefundResult> Refunds { get; } = new();

    public ConcurrentDictionary<string, int> Charges { get; } = new();

    public ConcurrentDictionary<string, int> RefundCalls { get; } = new();
}

/// <summary>
/// The simulated provider's webhook signature, Stripe's scheme with its own header:
/// <c>t=UNIX_SECONDS,v1=hex(HMAC-SHA256(secret, "t.payload"))</c>, refused when older than the tolerance.
/// </summary>
public static class SimulatedWebhookSignature
{
    public static string Sign(string payload, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Mac(secret, t, payload)}";
    }

    public static bool IsValid(string payload, string? header, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header) || string.IsNullOrEmpty(secret))
        {
            return false;
        }

        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv is [var k, var v])
            {
                if (k.Trim() == "t")
                {
                    t = v.Trim();
                }
                else if (k.Trim() == "v1")
                {
                    signatures.Add(v.Trim());
                }
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = System.Text.Encoding.ASCII.GetBytes(Mac(secret, t, payload));
        return signatures.Any(s => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, System.Text.Encoding.ASCII.GetBytes(s)));
    }

    /// <summary>The event as the simulated provider writes it: Stripe's event shape.</summary>
    public static string Write(PaymentEvent e, DateTimeOffset at)
    {
        var intent = e.Intent!;
        var metadata = new JsonObject();
        foreach (var (k, v) in intent.Metadata)
        {
            metadata[k] = v;
        }

        return new JsonObject
        {
            ["id"] = e.Id,
            ["object"] = "event",
            ["type"] = e.Type,
            ["created"] = at.ToUnixTimeSeconds(),
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = intent.Id,
                    ["object"] = "payment_intent",
                    ["amount"] = intent.Amount.ToString(CultureInfo.InvariantCulture),
                    ["currency"] = intent.Currency,
                    ["status"] = intent.Status.ToString(),
                    ["metadata"] = metadata,
                    ["last_payment_error"] = intent.FailureCode,
                },
            },
        }.ToJsonString();
    }

    public static PaymentEvent Read(string payload)
    {
        try
        {
            var root = JsonNode.Parse(payload)!;
            var o = root["data"]!["object"]!;
            var metadata = o["metadata"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
            var intent = new PaymentIntent(
                o["id"]!.GetValue<string>(), o["id"]!.GetValue<string>() + "_secret_sim",
                Enum.Parse<PaymentStatus>(o["status"]!.GetValue<string>()),
                decimal.Parse(o["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture), o["currency"]!.GetValue<string>(),
                metadata, null, o["last_payment_error"]?.GetValue<string>());
            return new PaymentEvent(root["id"]!.GetValue<string>(), root["type"]!.GetValue<string>(), intent);
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new AppException(ErrorCodes.ValidationFailed, "The webhook is not an event.");
        }
    }

    private static string Mac(string secret, string t, string payload) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes($"{t}.{payload}")));
}
