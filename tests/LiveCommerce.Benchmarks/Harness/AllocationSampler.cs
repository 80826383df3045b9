using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace LiveCommerce.Benchmarks.Harness;

/// <summary>
/// Tallies the runtime's allocation samples (one per ~100 KB allocated, with the type that crossed
/// the mark) and prints the top types to stderr on dispose: what the GC is collecting, by type.
/// Used by <see cref="RuntimeSampler"/> with LIVECOMMERCE_BENCH_ALLOC=1.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    public static bool Enabled => Environment.GetEnvironmentVariable("LIVECOMMERCE_BENCH_ALLOC") == "1";

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && e.Payload is { } p)
        {
            var type = p[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var i and >= 0 ? Convert.ToInt64(p[i]) : 100_000;
            _bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        var total = Math.Max(1, _bytes.Values.Sum());
        foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(25))
        {
            Console.Error.WriteLine($"alloc {100.0 * bytes / total,5:0.0}% {bytes / 1_000_000,8:N0} MB {type}");
        }
    }
}
