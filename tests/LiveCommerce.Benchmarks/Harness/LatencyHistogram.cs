namespace LiveCommerce.Benchmarks.Harness;

/// <summary>
/// Lock-free latency histogram: 0.1 ms buckets up to 100 ms, then buckets 1 % wide up to 60 s
/// (beyond counts as 60 s). Thousands of receive loops record into it at once, so recording is one
/// Interlocked increment (plus a read of the max). It is 13 KB: 0.1 ms buckets all the way to 60 s
/// would be 4.8 MB, a large-object allocation in every measured run.
/// </summary>
public sealed class LatencyHistogram
{
    private const double LinearBucketMs = 0.1;
    private const int LinearBuckets = 1_000;
    private const double LinearEndMs = LinearBucketMs * LinearBuckets;
    private const double CapMs = 60_000;
    private static readonly double LogStep = Math.Log(1.01);
    private static readonly int Buckets = LinearBuckets + (int)Math.Ceiling(Math.Log(CapMs / LinearEndMs) / LogStep) + 1;

    private readonly long[] _buckets = new long[Buckets];
    private long _maxTicks;

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
        Interlocked.Increment(ref _buckets[BucketOf(latency.TotalMilliseconds)]);
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

    /// <summary>The upper edge of the bucket holding the <paramref name="percentile"/>th value, in ms: within 0.1 ms below 100 ms, within 1 % above.</summary>
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
                return UpperEdgeMs(i);
            }
        }

        return CapMs;
    }

    private static int BucketOf(double ms) =>
        ms < LinearEndMs
            ? (int)(Math.Max(0, ms) / LinearBucketMs)
            : Math.Min(Buckets - 1, LinearBuckets + (int)(Math.Log(ms / LinearEndMs) / LogStep));

    private static double UpperEdgeMs(int bucket) =>
        bucket < LinearBuckets
            ? (bucket + 1) * LinearBucketMs
            : Math.Min(CapMs, LinearEndMs * Math.Exp((bucket - LinearBuckets + 1) * LogStep));
}
