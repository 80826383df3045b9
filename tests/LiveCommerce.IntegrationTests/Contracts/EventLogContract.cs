using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.Server.Realtime;
using LiveCommerce.TestKit;
using Microsoft.Extensions.Options;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>What every <see cref="IStreamEventLog"/> must do; run against Redis and the in-process log.</summary>
public abstract class EventLogContract
{
    protected abstract Task<IStreamEventLog> CreateAsync(int length);

    private static string NewStreamId() => "s-" + Guid.NewGuid().ToString("N")[..10];

    private static StreamUpdated Update(string streamId, string title) => new()
    {
        StreamId = streamId,
        At = DateTimeOffset.UtcNow,
        Stream = new StreamDto(streamId, "h", "Host", title, "", StreamStatus.Live, DateTimeOffset.UtcNow, null, null, null, null, 0),
    };

    [Fact]
    public async Task Concurrent_appends_get_gap_free_unique_seqs()
    {
        var log = await CreateAsync(1000);
        var id = NewStreamId();
        var appended = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => log.AppendAsync(new StreamStarted { StreamId = id, StartedAt = DateTimeOffset.UtcNow }))));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), appended.Select(e => e.Seq).Order());
        Assert.Equal(200, await log.CurrentSeqAsync(id));
        Assert.Equal(0, await log.CurrentSeqAsync(NewStreamId()));
    }

    [Fact]
    public async Task Reads_exactly_the_events_after_a_seq_in_order_with_their_payloads()
    {
        var log = await CreateAsync(1000);
        var id = NewStreamId();
        await log.AppendAsync(new StreamStarted { StreamId = id });
        for (var i = 1; i <= 5; i++)
        {
            await log.AppendAsync(Update(id, $"title {i}"));
        }

        var missed = await log.ReadAfterAsync(id, 2, 100);
        Assert.NotNull(missed);
        Assert.Equal([3L, 4, 5, 6], missed.Select(e => e.Seq));
        Assert.All(missed, e => Assert.IsType<StreamUpdated>(e));
        Assert.Equal("title 2", ((StreamUpdated)missed[0]).Stream.Title);
        Assert.Empty((await log.ReadAfterAsync(id, 6, 100))!);
    }

    [Fact]
    public async Task Too_far_behind_or_trimmed_means_snapshot()
    {
        var log = await CreateAsync(10);
        var id = NewStreamId();
        for (var i = 0; i < 200; i++)
        {
            await log.AppendAsync(Update(id, $"t{i}"));
        }

        Assert.Null(await log.ReadAfterAsync(id, 0, 1000));
        Assert.Null(await log.ReadAfterAsync(id, 150, 20));
        var recent = await log.ReadAfterAsync(id, 195, 20);
        Assert.Equal([196L, 197, 198, 199, 200], recent!.Select(e => e.Seq));
    }
}

public sealed class LocalEventLogTests : EventLogContract
{
    protected override Task<IStreamEventLog> CreateAsync(int length) =>
        Task.FromResult<IStreamEventLog>(new LocalStreamEventLog(Options.Create(new RealtimeOptions { EventLogLength = length })));
}

public sealed class RedisEventLogTests : EventLogContract
{
    protected override async Task<IStreamEventLog> CreateAsync(int length) =>
        new RedisStreamEventLog(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()), Options.Create(new RealtimeOptions { EventLogLength = length }));
}

/// <summary>The node-local cache in front of Redis must keep every promise of the log itself.</summary>
public sealed class CachedRedisEventLogTests : EventLogContract
{
    protected override async Task<IStreamEventLog> CreateAsync(int length)
    {
        var options = Options.Create(new RealtimeOptions { EventLogLength = length, MaxCatchUpEvents = 50 });
        return new CachedStreamEventLog(
            new RedisStreamEventLog(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()), options), options);
    }
}
