using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Pins;

/// <summary>
/// Every node sweeps; the store hands each expired pin to one sweeper only, which announces
/// <see cref="ProductUnpinned"/> (reason <c>expired</c>). So a timed pin ends once for everyone.
/// </summary>
public sealed class PinExpirySweeper(IPinStore pins, ILiveEvents events, IOptions<PinOptions> options, TimeProvider clock, ILogger<PinExpirySweeper> logger)
    : PeriodicWork(clock, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<(string StreamId, PinDto Pin)> claimed;
        do
        {
            var now = Clock.GetUtcNow();
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
}
