using LiveCommerce.Server.Features.FlashSales;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>One key per handled event, with the keep time as its time to live.</summary>
public sealed class RedisPaymentEventInbox(IConnectionMultiplexer redis, RedisKeys keys) : IPaymentEventInbox
{
    private IDatabase Db => redis.GetDatabase();

    public Task<bool> WasHandledAsync(string provider, string eventId, CancellationToken ct = default) =>
        Db.KeyExistsAsync(keys.PaymentEvent(provider, eventId));

    public Task MarkHandledAsync(string provider, string eventId, TimeSpan keep, CancellationToken ct = default) =>
        Db.StringSetAsync(keys.PaymentEvent(provider, eventId), 1, keep);
}
