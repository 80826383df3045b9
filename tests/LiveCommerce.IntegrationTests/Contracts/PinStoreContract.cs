using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>What every <see cref="IPinStore"/> must do; run against Redis and the in-process store.</summary>
public abstract class PinStoreContract
{
    /// <summary>Two handles on the same storage, as two nodes would hold.</summary>
    protected abstract Task<(IPinStore A, IPinStore B)> CreatePairAsync();

    private static string NewStream() => "s-" + Guid.NewGuid().ToString("N")[..10];

    private static PinDto Pin(string productId, DateTimeOffset at, DateTimeOffset? expires = null) =>
        new("pin-" + Guid.NewGuid().ToString("N")[..8], productId, "u-brand", "Brand", "Title " + productId, null, new Money(9.99m, "USD"), at, expires);

    [Fact]
    public async Task Showcase_is_replaced_whole_and_keeps_its_order()
    {
        var (store, _) = await CreatePairAsync();
        var stream = NewStream();
        Assert.Empty(await store.GetShowcaseAsync(stream));
        await store.SetShowcaseAsync(stream, ["p-2", "p-1", "p-3"]);
        Assert.Equal(["p-2", "p-1", "p-3"], await store.GetShowcaseAsync(stream));
        await store.SetShowcaseAsync(stream, ["p-4"]);
        Assert.Equal(["p-4"], await store.GetShowcaseAsync(stream));
        await store.SetShowcaseAsync(stream, []);
        Assert.Empty(await store.GetShowcaseAsync(stream));
    }

    [Fact]
    public async Task Pins_list_oldest_first_refuse_duplicates_and_stop_at_the_limit()
    {
        var (store, _) = await CreatePairAsync();
        var stream = NewStream();
        var t = DateTimeOffset.UtcNow;
        Assert.Equal(PinOutcome.Pinned, await store.TryPinAsync(stream, Pin("p-2", t.AddSeconds(1)), 3));
        Assert.Equal(PinOutcome.Pinned, await store.TryPinAsync(stream, Pin("p-1", t), 3));
        Assert.Equal(PinOutcome.AlreadyPinned, await store.TryPinAsync(stream, Pin("p-1", t.AddSeconds(2)), 3));
        Assert.Equal(PinOutcome.Pinned, await store.TryPinAsync(stream, Pin("p-3", t.AddSeconds(3), t.AddMinutes(1)), 3));
        Assert.Equal(PinOutcome.Full, await store.TryPinAsync(stream, Pin("p-4", t.AddSeconds(4)), 3));
        var pins = await store.ListAsync(stream);
        Assert.Equal(["p-1", "p-2", "p-3"], pins.Select(p => p.ProductId));
        Assert.Equal(9.99m, pins[0].Price.Amount);
        Assert.Equal(t.AddMinutes(1).ToUnixTimeMilliseconds(), pins[2].ExpiresAt!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Concurrent_pins_from_two_nodes_never_exceed_the_limit()
    {
        var (a, b) = await CreatePairAsync();
        var stream = NewStream();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).TryPinAsync(stream, Pin($"p-{i % 10}", DateTimeOffset.UtcNow), 3))));
        Assert.Equal(3, outcomes.Count(o => o == PinOutcome.Pinned));
        var pins = await a.ListAsync(stream);
        Assert.Equal(3, pins.Count);
        Assert.Equal(3, pins.Select(p => p.ProductId).Distinct().Count());
    }

    [Fact]
    public async Task A_pin_is_removed_exactly_once_when_unpins_race_from_two_nodes()
    {
        var (a, b) = await CreatePairAsync();
        var stream = NewStream();
        var pin = Pin("p-1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5));
        await a.TryPinAsync(stream, pin, 3);
        var removed = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).TryUnpinAsync(stream, "p-1"))));
        Assert.Equal(pin.PinId, Assert.Single(removed, r => r is not null)!.PinId);
        Assert.Empty(await b.ListAsync(stream));
        Assert.Empty(await a.ClaimExpiredAsync(DateTimeOffset.UtcNow.AddHours(1), 100));
    }

    [Fact]
    public async Task Expired_pins_are_claimed_exactly_once_across_nodes_and_only_when_due()
    {
        var (a, b) = await CreatePairAsync();
        var now = DateTimeOffset.UtcNow;
        var streams = Enumerable.Range(0, 5).Select(_ => NewStream()).ToList();
        var due = new List<string>();
        foreach (var stream in streams)
        {
            var expired = Pin("p-due", now.AddSeconds(-10), now.AddSeconds(-1));
            await a.TryPinAsync(stream, expired, 3);
            due.Add(expired.PinId);
            await b.TryPinAsync(stream, Pin("p-later", now.AddSeconds(-10), now.AddMinutes(10)), 3);
            await a.TryPinAsync(stream, Pin("p-open", now.AddSeconds(-10)), 3);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).ClaimExpiredAsync(now, 100))));
        var claimed = claims.SelectMany(c => c).ToList();
        Assert.Equal(due.Order(), claimed.Select(c => c.Pin.PinId).Order());
        foreach (var stream in streams)
        {
            Assert.Equal(["p-later", "p-open"], (await a.ListAsync(stream)).Select(p => p.ProductId).Order());
        }
    }

    [Fact]
    public async Task A_stale_expiry_never_removes_a_newer_pin_of_the_same_product()
    {
        var (a, _) = await CreatePairAsync();
        var stream = NewStream();
        var now = DateTimeOffset.UtcNow;
        await a.TryPinAsync(stream, Pin("p-1", now.AddSeconds(-5), now.AddSeconds(-1)), 3);
        Assert.NotNull(await a.TryUnpinAsync(stream, "p-1"));
        var again = Pin("p-1", now);
        await a.TryPinAsync(stream, again, 3);
        Assert.Empty(await a.ClaimExpiredAsync(now, 100));
        Assert.Equal(again.PinId, Assert.Single(await a.ListAsync(stream)).PinId);
    }

    [Fact]
    public async Task Clearing_drops_the_streams_pins_only()
    {
        var (a, _) = await CreatePairAsync();
        var (one, two) = (NewStream(), NewStream());
        await a.TryPinAsync(one, Pin("p-1", DateTimeOffset.UtcNow), 3);
        await a.TryPinAsync(two, Pin("p-1", DateTimeOffset.UtcNow), 3);
        await a.ClearPinsAsync(one);
        Assert.Empty(await a.ListAsync(one));
        Assert.Single(await a.ListAsync(two));
    }
}

public sealed class LocalPinStoreTests : PinStoreContract
{
    protected override Task<(IPinStore A, IPinStore B)> CreatePairAsync()
    {
        var store = new LocalPinStore();
        return Task.FromResult<(IPinStore, IPinStore)>((store, store));
    }
}

public sealed class RedisPinStoreTests : PinStoreContract
{
    // A second multiplexer on the same Redis, as a second node holds.
    private static readonly Lazy<Task<StackExchange.Redis.IConnectionMultiplexer>> Second =
        new(async () => RedisConnection.Connect(await SharedRedis.ConfigurationAsync()));

    protected override async Task<(IPinStore A, IPinStore B)> CreatePairAsync()
    {
        var keys = new RedisKeys(SharedRedis.UniquePrefix());
        return (new RedisPinStore(await Second.Value, keys), new RedisPinStore(await SharedRedis.ConnectionAsync(), keys));
    }
}
