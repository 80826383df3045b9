using System.Collections.Concurrent;
using LiveCommerce.Server.Features.FlashSales;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>Handled webhook events in memory, each until its keep time has passed.</summary>
public sealed class LocalPaymentEventInbox(TimeProvider clock) : IPaymentEventInbox
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _handled = new();

    public Task<bool> WasHandledAsync(string provider, string eventId, CancellationToken ct = default) =>
        Task.FromResult(_handled.TryGetValue(provider + "|" + eventId, out var until) && until > clock.GetUtcNow());

    public Task MarkHandledAsync(string provider, string eventId, TimeSpan keep, CancellationToken ct = default)
    {
        _handled[provider + "|" + eventId] = clock.GetUtcNow() + keep;
        return Task.CompletedTask;
    }
}
