using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>The webhook events handled, by id: unknown until marked, then known to every caller until the keep time lapses.</summary>
public abstract class PaymentEventInboxContract
{
    protected abstract Task<IPaymentEventInbox> CreateAsync();

    [Fact]
    public async Task An_event_is_handled_once_marked_and_only_for_its_provider()
    {
        var inbox = await CreateAsync();
        Assert.False(await inbox.WasHandledAsync("simulated", "evt_1"));
        await inbox.MarkHandledAsync("simulated", "evt_1", TimeSpan.FromMinutes(1));
        var seen = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => inbox.WasHandledAsync("simulated", "evt_1"))));
        Assert.All(seen, Assert.True);
        Assert.False(await inbox.WasHandledAsync("stripe", "evt_1")); // another provider's id is another event
    }

    [Fact]
    public async Task A_mark_lapses_after_its_keep_time()
    {
        var inbox = await CreateAsync();
        await inbox.MarkHandledAsync("simulated", "evt_2", TimeSpan.FromMilliseconds(200));
        await Eventually.WaitForAsync(() => inbox.WasHandledAsync("simulated", "evt_2"), h => !h, "the mark to lapse", TimeSpan.FromSeconds(5));
    }
}

public sealed class LocalPaymentEventInboxTests : PaymentEventInboxContract
{
    protected override Task<IPaymentEventInbox> CreateAsync() => Task.FromResult<IPaymentEventInbox>(new LocalPaymentEventInbox(TimeProvider.System));
}

public sealed class RedisPaymentEventInboxTests : PaymentEventInboxContract
{
    protected override async Task<IPaymentEventInbox> CreateAsync() =>
        new RedisPaymentEventInbox(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()));
}
