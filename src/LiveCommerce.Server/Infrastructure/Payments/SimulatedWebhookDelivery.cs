using System.Threading.Channels;
using LiveCommerce.Server.Features.FlashSales;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Payments;

/// <summary>
/// Delivers the simulated provider's events to <c>/api/payments/webhooks/simulated</c> the way a provider does:
/// signed, after a random delay, some of them twice (<c>Payments:Simulated:DuplicateRate</c>), retried a few
/// times when the node does not answer 2xx. Bounded: at most <see cref="Capacity"/> events wait; past that new
/// events are dropped (logged): the client's confirmation, or the checkout retried, still settles the payment.
/// </summary>
public sealed partial class SimulatedWebhookDelivery(
    IOptions<PaymentOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    IHttpClientFactory http,
    TimeProvider clock,
    ILogger<SimulatedWebhookDelivery> logger) : BackgroundService
{
    public const int Capacity = 1_000;
    private const int Attempts = 4;

    private readonly Channel<PaymentEvent> _events = Channel.CreateBounded<PaymentEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly SemaphoreSlim _inFlight = new(16);

    public void Enqueue(PaymentEvent e)
    {
        if (!options.Value.Simulated.DeliverWebhooks || !_events.Writer.TryWrite(e))
        {
            LogDropped(logger, e.Id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        if (stoppingToken.IsCancellationRequested || Target() is not { } target)
        {
            return;
        }

        var sends = new List<Task>();
        try
        {
            await foreach (var e in _events.Reader.ReadAllAsync(stoppingToken))
            {
                await _inFlight.WaitAsync(stoppingToken);
                var twice = Random.Shared.NextDouble() < options.Value.Simulated.DuplicateRate;
                sends.RemoveAll(t => t.IsCompleted);
                sends.Add(Task.Run(() => DeliverAsync(target, e, twice, stoppingToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(sends);
    }

    private async Task DeliverAsync(Uri target, PaymentEvent e, bool twice, CancellationToken ct)
    {
        try
        {
            await SendAsync(target, e, ct);
            if (twice)
            {
                await SendAsync(target, e, ct); // the same event id again: the node must do nothing the second time
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task SendAsync(Uri target, PaymentEvent e, CancellationToken ct)
    {
        var o = options.Value.Simulated;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, o.MaxDelayMs + 1) * attempt), clock, ct);
            var payload = SimulatedWebhookSignature.Write(e, clock.GetUtcNow());
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add(SimulatedPaymentProvider.Header, SimulatedWebhookSignature.Sign(payload, o.WebhookSecret, clock.GetUtcNow()));
            try
            {
                using var response = await http.CreateClient(nameof(SimulatedWebhookDelivery)).SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                LogRefused(logger, e.Id, (int)response.StatusCode, attempt);
            }
            catch (HttpRequestException x)
            {
                LogUnreachable(logger, e.Id, attempt, x);
            }
        }
    }

    /// <summary><c>Payments:Simulated:WebhookUrl</c>, else this node's own first address.</summary>
    private Uri? Target()
    {
        if (options.Value.Simulated.WebhookUrl is { Length: > 0 } url)
        {
            return new Uri(url);
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null
            ? null
            : new Uri(new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)),
                "/api/payments/webhooks/" + SimulatedPaymentProvider.ProviderName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated webhook {EventId} not queued (delivery off or queue full)")]
    private static partial void LogDropped(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated webhook {EventId} answered {Status} (attempt {Attempt})")]
    private static partial void LogRefused(ILogger logger, string eventId, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated webhook {EventId} could not be delivered (attempt {Attempt})")]
    private static partial void LogUnreachable(ILogger logger, string eventId, int attempt, Exception exception);
}
