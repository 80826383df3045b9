using LiveCommerce.Contracts;
using LiveCommerce.Server.Realtime;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Pins;

/// <summary>
/// Every node sweeps; the store hands each expired pin to one sweeper only, which announces
/// <see cref="ProductUnpinned"/> (reason <c>expired</c>). So a timed pin ends once for everyone.
/// </summary>
public sealed partial class PinExpirySweeper(IPinStore pins, ILiveEvents events, IOptions<PinOptions> options, TimeProvider clock, ILogger<PinExpirySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e); // a Redis blip: the next tick retries
            }
        }
    }

    public async Task SweepAsync(CancellationToken ct)
    {
        IReadOnlyList<(string StreamId, PinDto Pin)> claimed;
        do
        {
            var now = clock.GetUtcNow();
            claimed = await pins.ClaimExpiredAsync(now, 100, ct);
            foreach (var (streamId, pin) in claimed)
            {
                await events.PublishAsync(new ProductUnpinned
                {
                    StreamId = streamId,
                    At = pin.ExpiresAt ?? now,
                    ProductId = pin.ProductId,
                    PinId = pin.PinId,
                    Reason = "expired",
                }, ct);
            }
        }
        while (claimed.Count == 100);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pin expiry sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
