using System.Collections.Concurrent;
using LiveCommerce.Server.Features.FlashSales;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>Handled webhook events in memory, each until its keep time has passed.</summary>
public sealed class LocalPaymentEventInbox(TimeProvider clock) : IPaymentEventInbox
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _claims = new();

    public Task<bool> TryClaimAsync(string provider, string eventId, TimeSpan keep, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var key = provider + "|" + eventId;
        while (true)
        {
            if (_claims.TryAdd(key, now + keep))
            {
                return Task.FromResult(true);
            }

            if (!_claims.TryGetValue(key, out var until))
            {
                continue; // released meanwhile: try again
            }

            if (until > now)
            {
                return Task.FromResult(false);
            }

            // Lapsed: exactly one caller swaps it for its own claim.
            if (_claims.TryUpdate(key, now + keep, until))
            {
                return Task.FromResult(true);
            }
        }
    }

    public Task ReleaseAsync(string provider, string eventId, CancellationToken ct = default)
    {
        _claims.TryRemove(provider + "|" + eventId, out _);
        return Task.CompletedTask;
    }
}
