using System.Collections.Concurrent;
using System.Threading.Channels;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Payments;

/// <summary>
/// The simulated provider's webhook sender. It belongs to the provider, not to a node: one per account
/// (<c>Redis:KeyPrefix</c>) and process, next to <see cref="SimulatedPaymentLedger.Shared"/>, as Stripe's sender
/// belongs to Stripe. Nodes register where they take webhooks when they start and unregister when they stop
/// (<see cref="SimulatedWebhookEndpoint"/>); each event goes to one of them, signed, after a random delay,
/// some twice (<c>Payments:Simulated:DuplicateRate</c>). A delivery that fails (refused connection, no 2xx) is
/// retried, a few times, on another registered node: a node that dies does not take the provider's webhooks
/// with it, as a real provider's go to the load balancer. Bounded: at most <see cref="Capacity"/> events wait;
/// past that new events are dropped (logged): the client's confirmation, or the checkout retried, still settles.
/// </summary>
public sealed partial class SimulatedWebhookDelivery
{
    public const int Capacity = 1_000;
    private const int Attempts = 4;

    private static readonly ConcurrentDictionary<string, SimulatedWebhookDelivery> Accounts = new();

    // The provider's own client, not a node's: it outlives any node.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly ConcurrentDictionary<string, Uri> _endpoints = new();
    private readonly Channel<Delivery> _events = Channel.CreateBounded<Delivery>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly SemaphoreSlim _inFlight = new(16);

    private SimulatedWebhookDelivery() => _ = Task.Run(PumpAsync);

    /// <summary>The sender of one account (cluster): created on first use, lives as long as the process.</summary>
    public static SimulatedWebhookDelivery For(string account) => Accounts.GetOrAdd(account, _ => new SimulatedWebhookDelivery());

    /// <summary>Where webhooks may go now, one per registered node (the same URL, a load balancer's, counts once).</summary>
    public IReadOnlyCollection<Uri> Endpoints => _endpoints.Values.Distinct().ToList();

    public void Register(string node, Uri endpoint) => _endpoints[node] = endpoint;

    public void Unregister(string node) => _endpoints.TryRemove(node, out _);

    /// <summary>Queues an event with the settings (delay, duplicates, secret) of the node whose call made it.</summary>
    public void Enqueue(PaymentEvent e, SimulatedPaymentOptions options, TimeProvider clock, ILogger logger)
    {
        if (!options.DeliverWebhooks || !_events.Writer.TryWrite(new Delivery(e, options, clock, logger)))
        {
            LogDropped(logger, e.Id);
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var d in _events.Reader.ReadAllAsync())
        {
            await _inFlight.WaitAsync();
            var twice = Random.Shared.NextDouble() < d.Options.DuplicateRate;
            _ = Task.Run(() => DeliverAsync(d, twice));
        }
    }

    private async Task DeliverAsync(Delivery d, bool twice)
    {
        try
        {
            await SendAsync(d);
            if (twice)
            {
                await SendAsync(d); // the same event id again: the node must do nothing the second time
            }
        }
        catch (Exception x) when (x is not OperationCanceledException)
        {
            LogUnreachable(d.Logger, d.Event.Id, Attempts, x);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task SendAsync(Delivery d)
    {
        Uri? failed = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, d.Options.MaxDelayMs + 1) * attempt), d.Clock);
            if (Pick(failed) is not { } target)
            {
                LogNoEndpoint(d.Logger, d.Event.Id, attempt);
                continue;
            }

            var payload = SimulatedWebhookSignature.Write(d.Event, d.Clock.GetUtcNow());
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add(SimulatedPaymentProvider.Header, SimulatedWebhookSignature.Sign(payload, d.Options.WebhookSecret, d.Clock.GetUtcNow()));
            try
            {
                using var response = await Http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                LogRefused(d.Logger, d.Event.Id, (int)response.StatusCode, attempt);
            }
            catch (Exception x) when (x is HttpRequestException or TaskCanceledException)
            {
                LogUnreachable(d.Logger, d.Event.Id, attempt, x);
            }

            failed = target;
        }
    }

    /// <summary>A registered node at random, another one than the one that just failed when there is one.</summary>
    private Uri? Pick(Uri? failed)
    {
        var all = Endpoints;
        var others = all.Where(u => u != failed).ToList();
        var from = others.Count > 0 ? others : all.ToList();
        return from.Count == 0 ? null : from[Random.Shared.Next(from.Count)];
    }

    private sealed record Delivery(PaymentEvent Event, SimulatedPaymentOptions Options, TimeProvider Clock, ILogger Logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated webhook {EventId} not queued (delivery off or queue full)")]
    private static partial void LogDropped(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated webhook {EventId} answered {Status} (attempt {Attempt})")]
    private static partial void LogRefused(ILogger logger, string eventId, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated webhook {EventId} could not be delivered (attempt {Attempt})")]
    private static partial void LogUnreachable(ILogger logger, string eventId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated webhook {EventId}: no node takes webhooks (attempt {Attempt})")]
    private static partial void LogNoEndpoint(ILogger logger, string eventId, int attempt);
}

/// <summary>
/// A node's side of the simulated provider's webhooks: once the node listens it registers its
/// <c>/api/payments/webhooks/simulated</c> (or <c>Payments:Simulated:WebhookUrl</c>, the load balancer) with its
/// account's <see cref="SimulatedWebhookDelivery"/>, and unregisters when it stops. A node that dies without
/// stopping stays registered: its deliveries fail and are retried on another node.
/// </summary>
public sealed class SimulatedWebhookEndpoint(
    IOptions<PaymentOptions> options,
    IConfiguration configuration,
    IServer server,
    IHostApplicationLifetime lifetime) : IHostedService
{
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly SimulatedWebhookDelivery _delivery = SimulatedWebhookDelivery.For(configuration["Redis:KeyPrefix"] ?? "");
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = lifetime.ApplicationStarted.Register(() =>
        {
            if (Target() is { } target)
            {
                _delivery.Register(_node, target);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _started.Dispose();
        _delivery.Unregister(_node);
        return Task.CompletedTask;
    }

    /// <summary><c>Payments:Simulated:WebhookUrl</c>, else this node's own first address.</summary>
    private Uri? Target()
    {
        if (options.Value.Simulated.WebhookUrl is { Length: > 0 } url)
        {
            return new Uri(url);
        }

        return OwnAddress.Of(server) is { } own ? new Uri(own, "/api/payments/webhooks/" + SimulatedPaymentProvider.ProviderName) : null;
    }
}
