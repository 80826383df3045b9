using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>The rules at the top of <see cref="IIngestStore"/>, one test each; run against Redis and the in-process store.</summary>
public abstract class IngestStoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IIngestStore> CreateAsync();

    private static string NewStreamId() => "s-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Of_many_encoders_racing_for_a_stream_exactly_one_publishes()
    {
        var store = await CreateAsync();
        var id = NewStreamId();
        var claims = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => store.ClaimAsync(id, $"p{i}", T0, Lease))));
        Assert.Single(claims, c => c == PublisherClaim.Claimed);
        Assert.Equal(49, claims.Count(c => c == PublisherClaim.Busy));
        Assert.Equal(PublisherClaim.Claimed, await store.ClaimAsync(id, (await store.GetAsync(id)).Publisher!, T0, Lease));
    }

    [Fact]
    public async Task A_publisher_not_seen_for_the_lease_gives_way_and_touching_renews_it()
    {
        var store = await CreateAsync();
        var id = NewStreamId();
        await store.ClaimAsync(id, "old", T0, Lease);
        Assert.True(await store.TouchAsync(id, "old", T0 + Lease - TimeSpan.FromSeconds(1)));
        Assert.Equal(PublisherClaim.Busy, await store.ClaimAsync(id, "new", T0 + Lease, Lease));
        Assert.False(await store.TouchAsync(id, "new", T0 + Lease));

        Assert.Equal(PublisherClaim.Claimed, await store.ClaimAsync(id, "new", T0 + Lease + Lease, Lease));
        Assert.False(await store.TouchAsync(id, "old", T0 + Lease + Lease));
        Assert.Equal("new", (await store.GetAsync(id)).Publisher);
    }

    [Fact]
    public async Task Only_the_current_publisher_releases_and_a_claim_while_reconnecting_resumes()
    {
        var store = await CreateAsync();
        var id = NewStreamId();
        await store.ClaimAsync(id, "p1", T0, Lease);
        Assert.False(await store.ReleaseAsync(id, "stranger", T0 + TimeSpan.FromSeconds(60)));
        Assert.Equal("p1", (await store.GetAsync(id)).Publisher);

        Assert.True(await store.ReleaseAsync(id, "p1", T0 + TimeSpan.FromSeconds(60)));
        var away = await store.GetAsync(id);
        Assert.Null(away.Publisher);
        Assert.Equal(T0 + TimeSpan.FromSeconds(60), away.ReconnectUntil);
        Assert.False(await store.ReleaseAsync(id, "p1", T0 + TimeSpan.FromSeconds(90)));

        Assert.Equal(PublisherClaim.Resumed, await store.ClaimAsync(id, "p2", T0 + TimeSpan.FromSeconds(10), Lease));
        Assert.Null((await store.GetAsync(id)).ReconnectUntil);
        Assert.DoesNotContain(id, await store.DueAsync(T0 + TimeSpan.FromHours(1), 1000));
    }

    [Fact]
    public async Task Expiry_happens_once_only_after_the_deadline_and_then_every_claim_is_ended()
    {
        var store = await CreateAsync();
        var id = NewStreamId();
        var deadline = T0 + TimeSpan.FromSeconds(60);
        await store.ClaimAsync(id, "p1", T0, Lease);
        await store.ReleaseAsync(id, "p1", deadline);
        Assert.DoesNotContain(id, await store.DueAsync(deadline - TimeSpan.FromSeconds(1), 1000));
        Assert.False(await store.TryExpireAsync(id, deadline - TimeSpan.FromSeconds(1)));
        Assert.Contains(id, await store.DueAsync(deadline, 1000));

        var expired = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.TryExpireAsync(id, deadline))));
        Assert.Single(expired, e => e);
        Assert.True((await store.GetAsync(id)).Ended);
        Assert.Equal(PublisherClaim.Ended, await store.ClaimAsync(id, "p1", deadline, Lease));
        Assert.DoesNotContain(id, await store.DueAsync(deadline + TimeSpan.FromHours(1), 1000));
    }

    [Fact]
    public async Task Expiry_never_ends_a_stream_whose_encoder_came_back()
    {
        var store = await CreateAsync();
        var id = NewStreamId();
        var deadline = T0 + TimeSpan.FromSeconds(60);
        await store.ClaimAsync(id, "p1", T0, Lease);
        await store.ReleaseAsync(id, "p1", deadline);
        await store.ClaimAsync(id, "p1", deadline, Lease);
        Assert.False(await store.TryExpireAsync(id, deadline + TimeSpan.FromSeconds(1)));
        Assert.False((await store.GetAsync(id)).Ended);
    }

    [Fact]
    public async Task A_forgotten_stream_takes_no_publisher_and_rotation_only_bumps_the_key_version()
    {
        var store = await CreateAsync();
        var id = NewStreamId();
        Assert.Equal(0, await store.KeyVersionAsync(id));
        Assert.Equal(1, await store.RotateKeyAsync(id));
        Assert.Equal(2, await store.RotateKeyAsync(id));
        Assert.Equal(2, await store.KeyVersionAsync(id));
        Assert.Equal(IngestState.Idle, await store.GetAsync(id));

        await store.ClaimAsync(id, "p1", T0, Lease);
        await store.ForgetAsync(id);
        Assert.Equal(PublisherClaim.Ended, await store.ClaimAsync(id, "p2", T0, Lease));
        Assert.Null((await store.GetAsync(id)).Publisher);
        Assert.Equal(2, await store.KeyVersionAsync(id));
    }
}

public sealed class LocalIngestStoreTests : IngestStoreContract
{
    protected override Task<IIngestStore> CreateAsync() => Task.FromResult<IIngestStore>(new LocalIngestStore());
}

public sealed class RedisIngestStoreTests : IngestStoreContract
{
    protected override async Task<IIngestStore> CreateAsync() =>
        new RedisIngestStore(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()));
}
