using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>What every <see cref="IStreamStore"/> must do; run against Redis and the in-process store.</summary>
public abstract class StreamStoreContract
{
    protected abstract Task<IStreamStore> CreateAsync();

    protected static LiveStream NewStream(string? id = null, DateTimeOffset? start = null) => new(
        id ?? "s-" + Guid.NewGuid().ToString("N")[..10], "u-host", "Host", "Title", "About", start ?? DateTimeOffset.UtcNow.AddHours(1), null, null);

    [Fact]
    public async Task Created_stream_reads_back_equal_and_create_is_idempotent()
    {
        var store = await CreateAsync();
        var stream = NewStream();
        Assert.True(await store.TryCreateAsync(stream));
        Assert.False(await store.TryCreateAsync(stream with { Title = "Other" }));
        var read = await store.GetAsync(stream.Id);
        Assert.NotNull(read);
        Assert.Equal("Title", read.Title);
        Assert.Equal(stream.ScheduledStart.ToUnixTimeMilliseconds(), read.ScheduledStart.ToUnixTimeMilliseconds());
        Assert.Equal(StreamStatus.Upcoming, read.Status);
        Assert.Null(await store.GetAsync("s-missing"));
    }

    [Fact]
    public async Task Transition_succeeds_exactly_once_under_concurrency()
    {
        var store = await CreateAsync();
        var stream = NewStream();
        await store.TryCreateAsync(stream);
        var at = DateTimeOffset.UtcNow;
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(() => store.TryTransitionAsync(stream.Id, StreamStatus.Upcoming, StreamStatus.Live, at))));
        Assert.Single(attempts, a => a is not null);
        var live = await store.GetAsync(stream.Id);
        Assert.Equal(StreamStatus.Live, live!.Status);
        Assert.Equal(at.ToUnixTimeMilliseconds(), live.StartedAt!.Value.ToUnixTimeMilliseconds());
        Assert.Null(await store.TryTransitionAsync(stream.Id, StreamStatus.Upcoming, StreamStatus.Live, at));
    }

    [Fact]
    public async Task Lists_by_status_and_moves_with_transitions()
    {
        var store = await CreateAsync();
        var soon = NewStream(start: DateTimeOffset.UtcNow.AddMinutes(5));
        var later = NewStream(start: DateTimeOffset.UtcNow.AddMinutes(50));
        await store.TryCreateAsync(later);
        await store.TryCreateAsync(soon);
        var upcoming = (await store.ListAsync(StreamStatus.Upcoming, 100)).Select(s => s.Id).ToList();
        Assert.True(upcoming.IndexOf(soon.Id) < upcoming.IndexOf(later.Id), "upcoming streams are ordered by scheduled start");

        await store.TryTransitionAsync(soon.Id, StreamStatus.Upcoming, StreamStatus.Live, DateTimeOffset.UtcNow);
        Assert.Contains(soon.Id, (await store.ListAsync(StreamStatus.Live, 100)).Select(s => s.Id));
        Assert.DoesNotContain(soon.Id, (await store.ListAsync(StreamStatus.Upcoming, 100)).Select(s => s.Id));
    }

    [Fact]
    public async Task Updating_details_never_reverts_status_or_creates()
    {
        var store = await CreateAsync();
        var stream = NewStream();
        await store.TryCreateAsync(stream);
        await store.TryTransitionAsync(stream.Id, StreamStatus.Upcoming, StreamStatus.Live, DateTimeOffset.UtcNow);
        Assert.True(await store.UpdateDetailsAsync(stream with { Title = "Renamed" }));
        var read = await store.GetAsync(stream.Id);
        Assert.Equal("Renamed", read!.Title);
        Assert.Equal(StreamStatus.Live, read.Status);
        Assert.False(await store.UpdateDetailsAsync(NewStream()));
    }

    [Fact]
    public async Task A_hosts_list_holds_every_status_latest_start_first_with_language_and_categories()
    {
        var store = await CreateAsync();
        var host = "u-host-" + Guid.NewGuid().ToString("N")[..8];
        var soon = NewStream(start: DateTimeOffset.UtcNow.AddHours(1)) with { HostId = host, Language = "es", Categories = ["beauty", "skincare"] };
        var later = NewStream(start: DateTimeOffset.UtcNow.AddDays(1)) with { HostId = host };
        var other = NewStream();
        foreach (var s in new[] { soon, later, other })
        {
            await store.TryCreateAsync(s);
        }

        await store.TryTransitionAsync(later.Id, StreamStatus.Upcoming, StreamStatus.Cancelled, DateTimeOffset.UtcNow);
        var mine = await store.ListByHostAsync(host, 10);
        Assert.Equal([later.Id, soon.Id], mine.Select(s => s.Id));
        Assert.Equal([StreamStatus.Cancelled, StreamStatus.Upcoming], mine.Select(s => s.Status));
        Assert.Equal("es", mine[1].Language);
        Assert.Equal(["beauty", "skincare"], mine[1].Categories);
        Assert.DoesNotContain(await store.ListAsync(StreamStatus.Upcoming, 500), s => s.Id == later.Id);
        Assert.Single(await store.ListByHostAsync(host, 1));

        // A move of the start reorders the host's list.
        await store.UpdateDetailsAsync(soon with { ScheduledStart = DateTimeOffset.UtcNow.AddDays(3) });
        Assert.Equal([soon.Id, later.Id], (await store.ListByHostAsync(host, 10)).Select(s => s.Id));
    }
}

public sealed class LocalStreamStoreTests : StreamStoreContract
{
    protected override Task<IStreamStore> CreateAsync() => Task.FromResult<IStreamStore>(new LocalStreamStore());
}

public sealed class RedisStreamStoreTests : StreamStoreContract
{
    protected override async Task<IStreamStore> CreateAsync() =>
        new RedisStreamStore(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()));

    [Fact]
    public async Task Streams_from_before_host_lists_reach_their_hosts_list_once()
    {
        var redis = await SharedRedis.ConnectionAsync();
        var keys = new RedisKeys(SharedRedis.UniquePrefix());
        var store = new RedisStreamStore(redis, keys);
        var host = "u-host-" + Guid.NewGuid().ToString("N")[..8];
        var upcoming = NewStream() with { HostId = host };
        var ended = NewStream(start: DateTimeOffset.UtcNow.AddDays(-1)) with { HostId = host };
        await store.TryCreateAsync(upcoming);
        await store.TryCreateAsync(ended);
        await store.TryTransitionAsync(ended.Id, StreamStatus.Upcoming, StreamStatus.Live, DateTimeOffset.UtcNow.AddHours(-2));
        await store.TryTransitionAsync(ended.Id, StreamStatus.Live, StreamStatus.Ended, DateTimeOffset.UtcNow.AddHours(-1));

        // As written by a version that kept no host lists.
        await redis.GetDatabase().KeyDeleteAsync(keys.HostStreams(host));
        Assert.Empty(await store.ListByHostAsync(host, 10));

        var added = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => store.BackfillHostListsAsync()));
        Assert.Equal(2, added.Sum());
        Assert.Equal([upcoming.Id, ended.Id], (await store.ListByHostAsync(host, 10)).Select(s => s.Id));
    }

    [Fact]
    public async Task Scripts_still_run_after_redis_forgets_them()
    {
        // Scripts go by their SHA1 (RedisScript); a restarted or failed-over Redis has none cached.
        var redis = await SharedRedis.ConnectionAsync();
        var store = new RedisStreamStore(redis, new RedisKeys(SharedRedis.UniquePrefix()));
        var first = NewStream();
        Assert.True(await store.TryCreateAsync(first));

        await redis.GetDatabase().ExecuteAsync("SCRIPT", "FLUSH");

        var second = NewStream();
        Assert.True(await store.TryCreateAsync(second));
        Assert.NotNull(await store.TryTransitionAsync(first.Id, StreamStatus.Upcoming, StreamStatus.Live, DateTimeOffset.UtcNow));
        Assert.Equal(StreamStatus.Live, (await store.GetAsync(first.Id))!.Status);
    }
}
