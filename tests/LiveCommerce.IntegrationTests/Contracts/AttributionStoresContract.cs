using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>What every <see cref="IEarningsStore"/> must do; run against Redis and the in-process store.</summary>
public abstract class EarningsStoreContract
{
    /// <summary>Two handles on the same storage, as two nodes would hold.</summary>
    protected abstract Task<(IEarningsStore A, IEarningsStore B)> CreatePairAsync();

    private static string NewId() => "o-" + Guid.NewGuid().ToString("N")[..10];

    private static ProjectionDelta[] Deltas(string bucket, long gmv) =>
        [new(bucket, "all|orders", 1), new(bucket, "all|gmv:USD", gmv), new(bucket + "x", "all|units", 3)];

    [Fact]
    public async Task An_order_is_applied_once_and_reversed_once()
    {
        var (store, _) = await CreatePairAsync();
        var id = NewId();
        var bucket = "b-" + id;
        Assert.Equal(ReversalOutcome.NotProjected, await store.ApplyReversalAsync(id));
        Assert.True(await store.ApplyOrderAsync(id, Deltas(bucket, 1999)));
        Assert.False(await store.ApplyOrderAsync(id, Deltas(bucket, 5000))); // a replay with other numbers changes nothing
        var read = await store.ReadAsync([bucket, bucket + "x", "missing-" + id]);
        Assert.Equal(1999, read[0]["all|gmv:USD"]);
        Assert.Equal(1, read[0]["all|orders"]);
        Assert.Equal(3, read[1]["all|units"]);
        Assert.Empty(read[2]);

        Assert.Equal(ReversalOutcome.Reversed, await store.ApplyReversalAsync(id));
        Assert.Equal(ReversalOutcome.AlreadyReversed, await store.ApplyReversalAsync(id));
        read = await store.ReadAsync([bucket, bucket + "x"]);
        Assert.Equal(0, read[0]["all|gmv:USD"]);
        Assert.Equal(0, read[1]["all|units"]);
    }

    [Fact]
    public async Task Two_nodes_applying_the_same_orders_concurrently_count_each_once()
    {
        var (a, b) = await CreatePairAsync();
        var bucket = "b-" + NewId();
        var ids = Enumerable.Range(0, 50).Select(_ => NewId()).ToList();
        var applied = await Task.WhenAll(ids.SelectMany(id => Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).ApplyOrderAsync(id, Deltas(bucket, 100))))));
        Assert.Equal(ids.Count, applied.Count(x => x));
        var reversed = await Task.WhenAll(ids.Take(10).SelectMany(id => Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).ApplyReversalAsync(id)))));
        Assert.Equal(10, reversed.Count(x => x == ReversalOutcome.Reversed));
        var read = (await b.ReadAsync([bucket]))[0];
        Assert.Equal(40, read["all|orders"]);
        Assert.Equal(4000, read["all|gmv:USD"]);
    }

    [Fact]
    public async Task The_checkpoint_is_shared()
    {
        var (a, b) = await CreatePairAsync();
        Assert.Null(await a.GetCheckpointAsync());
        await a.SetCheckpointAsync("1700000000000-3");
        Assert.Equal("1700000000000-3", await b.GetCheckpointAsync());
    }
}

public sealed class LocalEarningsStoreTests : EarningsStoreContract
{
    protected override Task<(IEarningsStore A, IEarningsStore B)> CreatePairAsync()
    {
        var store = new LocalEarningsStore();
        return Task.FromResult<(IEarningsStore, IEarningsStore)>((store, store));
    }
}

public sealed class RedisEarningsStoreTests : EarningsStoreContract
{
    protected override async Task<(IEarningsStore A, IEarningsStore B)> CreatePairAsync()
    {
        var keys = new RedisKeys(SharedRedis.UniquePrefix());
        var redis = await SharedRedis.ConnectionAsync();
        return (new RedisEarningsStore(redis, keys), new RedisEarningsStore(redis, keys));
    }
}

/// <summary>What every <see cref="IShareLinkStore"/> must do.</summary>
public abstract class ShareLinkStoreContract
{
    protected abstract Task<IShareLinkStore> CreateAsync();

    [Fact]
    public async Task Codes_are_unique_and_read_back()
    {
        var store = await CreateAsync();
        var code = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var link = new ShareLink(code, "u-host", "s-1", null, DateTimeOffset.UtcNow);
        Assert.True(await store.TryCreateAsync(link));
        Assert.False(await store.TryCreateAsync(link with { InfluencerId = "u-thief" }));
        Assert.Equal("u-host", (await store.GetAsync(code))!.InfluencerId);
        Assert.Null(await store.GetAsync("NOPE" + code[..4]));
    }

    [Fact]
    public async Task Touches_come_back_newest_first_up_to_the_time_asked_and_are_trimmed()
    {
        var store = await CreateAsync();
        var viewer = "u-" + Guid.NewGuid().ToString("N")[..8];
        var t = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        for (var i = 0; i < 60; i++)
        {
            await store.RecordTouchAsync(viewer, new Touch($"C{i}", $"u-inf{i % 3}", t.AddMinutes(i)));
        }

        var all = await store.TouchesAsync(viewer, t.AddDays(1));
        Assert.Equal(50, all.Count);
        Assert.Equal("C59", all[0].Code);
        var before = await store.TouchesAsync(viewer, t.AddMinutes(30));
        Assert.Equal("C30", before[0].Code);
        Assert.Equal(t.AddMinutes(30), before[0].At);
        Assert.Empty(await store.TouchesAsync("u-nobody", t));
    }

    [Fact]
    public async Task Recording_a_touch_again_keeps_one_and_removing_touches_read_back_leaves_the_rest()
    {
        var store = await CreateAsync();
        var viewer = "v:" + Guid.NewGuid().ToString("N");
        var t = DateTimeOffset.UtcNow;
        var first = new Touch("AAAA2222", "u-host-a", t.AddMinutes(-2));
        await store.RecordTouchAsync(viewer, first);
        await store.RecordTouchAsync(viewer, first);
        Assert.Single(await store.TouchesAsync(viewer, t));

        var read = await store.TouchesAsync(viewer, t);
        await store.RecordTouchAsync(viewer, new Touch("BBBB3333", "u-host-b", t.AddMinutes(-1))); // made while the first was being moved
        await store.RemoveTouchesAsync(viewer, read);
        Assert.Equal("BBBB3333", Assert.Single(await store.TouchesAsync(viewer, t)).Code);
        await store.RemoveTouchesAsync(viewer, read); // again: nothing left to remove
        await store.RemoveTouchesAsync(viewer, []);
        Assert.Single(await store.TouchesAsync(viewer, t));
    }

    [Fact]
    public async Task A_browsers_touches_are_owned_by_the_first_account_that_claims_them_even_when_claims_race()
    {
        var store = await CreateAsync();
        var visitor = "v:" + Guid.NewGuid().ToString("N");
        var owners = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => store.ClaimVisitorAsync(visitor, i % 2 == 0 ? "u-a" : "u-b"))));
        var owner = Assert.Single(owners.Distinct());
        Assert.Equal(owner, await store.ClaimVisitorAsync(visitor, owner == "u-a" ? "u-b" : "u-a"));
        Assert.Equal(owner, await store.ClaimVisitorAsync(visitor, owner)); // the owner claiming again is still the owner
        Assert.Equal("u-c", await store.ClaimVisitorAsync("v:" + Guid.NewGuid().ToString("N"), "u-c"));
    }
}

public sealed class LocalShareLinkStoreTests : ShareLinkStoreContract
{
    protected override Task<IShareLinkStore> CreateAsync() => Task.FromResult<IShareLinkStore>(new LocalShareLinkStore());
}

public sealed class RedisShareLinkStoreTests : ShareLinkStoreContract
{
    protected override async Task<IShareLinkStore> CreateAsync() =>
        new RedisShareLinkStore(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()));
}
