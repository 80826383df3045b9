using LiveCommerce.Benchmarks.Harness;

namespace LiveCommerce.Benchmarks.Tests;

public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(0.05)]
    [InlineData(3.27)]
    [InlineData(49.95)]
    [InlineData(99.99)]
    [InlineData(100)]
    [InlineData(250)]
    [InlineData(4_321)]
    [InlineData(59_000)]
    public void A_percentile_is_the_recorded_value_within_a_tenth_of_a_ms_below_100_ms_and_1_percent_above(double ms)
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(ms));

        var p99 = histogram.Percentile(99);

        Assert.InRange(p99, ms, ms < 100 ? ms + 0.1 : ms * 1.01);
    }

    [Fact]
    public void Percentiles_rank_the_recorded_values_and_the_max_is_exact()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 1_000; i++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(i));
        }

        Assert.Equal(1_000, histogram.Count);
        Assert.InRange(histogram.Percentile(50), 500, 500 * 1.01);
        Assert.InRange(histogram.Percentile(99), 990, 990 * 1.01);
        Assert.Equal(1_000, histogram.MaxMs, 3);
    }

    [Fact]
    public void Latencies_past_a_minute_count_as_a_minute()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMinutes(5));

        Assert.Equal(60_000, histogram.Percentile(50));
        Assert.Equal(300_000, histogram.MaxMs, 3);
    }
}
