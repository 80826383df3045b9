using LiveCommerce.Server.Features.FlashSales;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>One key per handled event, set only if absent: exactly one node handles each event id.</summary>
public sealed class RedisPaymentEventInbox(IConnectionMultiplexer redis, RedisKeys keys) : IPaymentEventInbox
{
    private IDatabase Db => redis.GetDatabase();

    public Task<bool> TryClaimAsync(string provider, string eventId, TimeSpan keep, CancellationToken ct = default) =>
        Db.StringSetAsync(keys.PaymentEvent(provider, eventId), 1, keep, When.NotExists);

    public Task ReleaseAsync(string provider, string eventId, CancellationToken ct = default) =>
        Db.KeyDeleteAsync(keys.PaymentEvent(provider, eventId));
}
