using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>The webhook events handled, by id: one claim per event however many ask at once; a released claim may be taken again.</summary>
public abstract class PaymentEventInboxContract
{
    protected abstract Task<IPaymentEventInbox> CreateAsync();

    [Fact]
    public async Task One_caller_claims_an_event_however_many_ask_at_once()
    {
        var inbox = await CreateAsync();
        var claims = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => inbox.TryClaimAsync("simulated", "evt_1", TimeSpan.FromMinutes(1)))));
        Assert.Single(claims, c => c);
        Assert.True(await inbox.TryClaimAsync("stripe", "evt_1", TimeSpan.FromMinutes(1))); // another provider's id is another event
    }

    [Fact]
    public async Task A_released_claim_is_taken_again_and_a_lapsed_one_too()
    {
        var inbox = await CreateAsync();
        Assert.True(await inbox.TryClaimAsync("simulated", "evt_2", TimeSpan.FromMinutes(1)));
        await inbox.ReleaseAsync("simulated", "evt_2");
        Assert.True(await inbox.TryClaimAsync("simulated", "evt_2", TimeSpan.FromMilliseconds(200)));
        await Eventually.WaitForAsync(() => inbox.TryClaimAsync("simulated", "evt_2", TimeSpan.FromMinutes(1)), c => c, "the claim to lapse", TimeSpan.FromSeconds(5));
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
