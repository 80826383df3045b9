namespace LiveCommerce.Benchmarks.Harness;

/// <summary>
/// Lock-free latency histogram: 0.1 ms buckets up to 60 s (beyond counts as 60 s). Thousands of
/// receive loops record into it at once, so recording is one Interlocked increment (plus a read of the max).
/// </summary>
public sealed class LatencyHistogram
{
    private const double BucketMs = 0.1;
    private readonly long[] _buckets = new long[600_000];
    private long _maxTicks;

    /// <summary>Summed on demand: a shared counter bumped by every record would be the hottest cache line in the process.</summary>
    public long Count
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _buckets.Length; i++)
            {
                total += Interlocked.Read(ref _buckets[i]);
            }

            return total;
        }
    }

    public void Record(TimeSpan latency)
    {
        var ms = Math.Max(0, latency.TotalMilliseconds);
        var bucket = (int)Math.Min(_buckets.Length - 1, ms / BucketMs);
        Interlocked.Increment(ref _buckets[bucket]);
        var ticks = latency.Ticks;
        var max = Interlocked.Read(ref _maxTicks);
        while (ticks > max && Interlocked.CompareExchange(ref _maxTicks, ticks, max) != max)
        {
            max = Interlocked.Read(ref _maxTicks);
        }
    }

    /// <summary>Forgets everything; call only while nothing records (after a warm-up has drained).</summary>
    public void Reset()
    {
        Array.Clear(_buckets);
        Interlocked.Exchange(ref _maxTicks, 0);
    }

    public double MaxMs => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks)).TotalMilliseconds;

    /// <summary>The upper edge of the bucket holding the <paramref name="percentile"/>th value, in ms.</summary>
    public double Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(percentile / 100 * total);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return (i + 1) * BucketMs;
            }
        }

        return _buckets.Length * BucketMs;
    }
}
