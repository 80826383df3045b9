using LiveCommerce.Server.Realtime;

namespace LiveCommerce.UnitTests.Realtime;

public sealed class CallBucketTests
{
    private const long Second = 1_000;

    [Fact]
    public void A_burst_of_twice_the_rate_passes_then_calls_are_refused_until_time_refills_them()
    {
        var bucket = new CallBucket(perSecond: 5, createdAt: 0);

        Assert.Equal(10, Enumerable.Range(0, 25).Count(_ => bucket.TryTake(0, Second)));
        Assert.False(bucket.TryTake(Second / 10, Second)); // half a token back: not enough
        Assert.True(bucket.TryTake(Second / 5, Second));   // one whole token back
        Assert.False(bucket.TryTake(Second / 5, Second));
    }

    [Fact]
    public void An_idle_bucket_refills_only_up_to_its_burst()
    {
        var bucket = new CallBucket(perSecond: 5, createdAt: 0);
        Assert.True(bucket.TryTake(0, Second));

        Assert.Equal(10, Enumerable.Range(0, 25).Count(_ => bucket.TryTake(3_600 * Second, Second)));
    }

    [Fact]
    public void A_clock_reading_older_than_the_last_one_gives_nothing_back()
    {
        var bucket = new CallBucket(perSecond: 1, createdAt: 10 * Second);
        Assert.True(bucket.TryTake(10 * Second, Second));
        Assert.True(bucket.TryTake(10 * Second, Second));

        Assert.False(bucket.TryTake(9 * Second, Second));
    }
}
