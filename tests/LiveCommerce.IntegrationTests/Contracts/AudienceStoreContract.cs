using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>
/// What every <see cref="IAudienceStore"/> must do; run against Redis (HyperLogLog estimates) and the
/// in-process store (exact), with two handles written from many tasks at once, as two nodes would.
/// </summary>
public abstract class AudienceStoreContract
{
    private static readonly DateOnly Day1 = new(2026, 5, 1);
    private static readonly DateOnly Day2 = new(2026, 5, 2);

    protected abstract Task<(IAudienceStore A, IAudienceStore B)> CreatePairAsync();

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Viewers_count_once_per_stream_and_day_and_a_group_counts_their_union()
    {
        var (a, b) = await CreatePairAsync();
        var (s1, s2, host) = (NewId("s-"), NewId("s-"), NewId("u-"));
        var viewers = Enumerable.Range(0, 400).Select(i => $"u-v{i}").ToList();

        // s1 day 1: viewers 0–299, s2 day 1: 200–399 (100 in both), s1 day 2: 0–49 again. Each join twice, from either node.
        var joins = viewers.Take(300).Select(v => (s1, Day1, v))
            .Concat(viewers.Skip(200).Select(v => (s2, Day1, v)))
            .Concat(viewers.Take(50).Select(v => (s1, Day2, v)));
        await Task.WhenAll(joins.SelectMany(j => new[] { a, b }.Select(store => Task.Run(() => store.RecordViewerAsync(j.Item1, host, j.Item2, j.v)))));

        var counts = await b.CountViewersAsync(
        [
            [new(s1, Day1)],
            [new(s1, Day1), new(s2, Day1)],
            [new(s1, Day1), new(s1, Day2)],
            [new(s1, Day2)],
            [new(NewId("s-"), Day1)],
            [],
        ]);
        Estimate.Equal(300, counts[0].UniqueViewers);
        Estimate.Equal(400, counts[1].UniqueViewers);
        Estimate.Equal(300, counts[2].UniqueViewers);
        Estimate.Equal(50, counts[3].UniqueViewers);
        Assert.Equal(0, counts[4].UniqueViewers);
        Assert.Equal(new AudienceCount(0, 0), counts[5]);
    }

    [Fact]
    public async Task The_peak_is_the_highest_count_recorded_that_day_whatever_the_order()
    {
        var (a, b) = await CreatePairAsync();
        var (s1, s2) = (NewId("s-"), NewId("s-"));
        var counts = Enumerable.Range(1, 300).OrderBy(_ => Random.Shared.Next()).ToList();
        await Task.WhenAll(counts.Select((c, i) => Task.Run(() => (i % 2 == 0 ? a : b).RecordConcurrentAsync(s1, Day1, c))));
        await a.RecordConcurrentAsync(s1, Day2, 12);
        await a.RecordConcurrentAsync(s2, Day1, 420);
        await a.RecordConcurrentAsync(s2, Day1, 7); // a later, lower count keeps the peak

        var peaks = await b.CountViewersAsync([[new(s1, Day1)], [new(s1, Day2)], [new(s1, Day1), new(s1, Day2), new(s2, Day1)], [new(s2, Day2)]]);
        Assert.Equal([300L, 12L, 420L, 0L], peaks.Select(p => p.PeakViewers));
    }

    [Fact]
    public async Task Hosted_lists_each_stream_a_host_had_viewers_in_per_day()
    {
        var (a, b) = await CreatePairAsync();
        var (mia, leo, s1, s2, s3) = (NewId("u-"), NewId("u-"), NewId("s-"), NewId("s-"), NewId("s-"));
        await a.RecordViewerAsync(s1, mia, Day1, "u-v1");
        await b.RecordViewerAsync(s1, mia, Day1, "u-v2");
        await a.RecordViewerAsync(s2, mia, Day2, "u-v1");
        await b.RecordViewerAsync(s3, leo, Day1, "u-v1");

        Assert.Equal([new StreamDay(s1, Day1), new StreamDay(s2, Day2)], (await a.HostedAsync(mia, [Day1, Day2])).OrderBy(sd => sd.Day));
        Assert.Equal([new StreamDay(s3, Day1)], await b.HostedAsync(leo, [Day1, Day2]));
        Assert.Empty(await b.HostedAsync(mia, [new DateOnly(2026, 5, 3)]));
    }

    [Fact]
    public async Task Buyers_are_distinct_within_and_across_cells_and_recording_again_changes_nothing()
    {
        var (a, b) = await CreatePairAsync();
        var prefix = NewId("b-");
        var (cellA, cellB) = ($"{prefix}:1|all", $"{prefix}:1|stream:s-1");
        var buyers = Enumerable.Range(0, 250).Select(i => $"u-b{i}").ToList();
        // Every buyer in cell A; the first 100 in cell B too; each recorded three times (replays) from either node.
        await Task.WhenAll(buyers.SelectMany((u, i) => Enumerable.Range(0, 3).Select(r =>
            Task.Run(() => (r % 2 == 0 ? a : b).RecordBuyerAsync(i < 100 ? [cellA, cellB] : [cellA], u)))));

        var counts = await b.CountBuyersAsync([[cellA], [cellB], [cellA, cellB], [$"{prefix}:2|all"], []]);
        Estimate.Equal(250, counts[0]);
        Estimate.Equal(100, counts[1]);
        Estimate.Equal(250, counts[2]);
        Assert.Equal([0L, 0L], counts.Skip(3));
    }
}

public sealed class LocalAudienceStoreTests : AudienceStoreContract
{
    protected override Task<(IAudienceStore A, IAudienceStore B)> CreatePairAsync()
    {
        var store = new LocalAudienceStore();
        return Task.FromResult<(IAudienceStore, IAudienceStore)>((store, store));
    }
}

public sealed class RedisAudienceStoreTests : AudienceStoreContract
{
    protected override async Task<(IAudienceStore A, IAudienceStore B)> CreatePairAsync()
    {
        var keys = new RedisKeys(SharedRedis.UniquePrefix());
        var redis = await SharedRedis.ConnectionAsync();
        return (new RedisAudienceStore(redis, keys), new RedisAudienceStore(redis, keys));
    }
}

/// <summary>Distinct counts on Redis are HyperLogLog estimates (standard error 0.81 %): equal within 2 %, at least ±1.</summary>
public static class Estimate
{
    public static void Equal(long expected, long actual) =>
        Assert.True(Math.Abs(expected - actual) <= Math.Max(1, expected * 2 / 100), $"expected about {expected}, got {actual}");
}
