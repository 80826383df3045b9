using System.Diagnostics;

namespace LiveCommerce.Benchmarks.Harness;

/// <summary>
/// CPU and memory of this process over a measured span. Server nodes and the simulated crowd
/// share the process (and the machine's cores), so these figures cover both.
/// </summary>
public sealed class ResourceMeter
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _allocated0 = GC.GetTotalAllocatedBytes();
    private readonly int _gen0 = GC.CollectionCount(0);
    private readonly int _gen1 = GC.CollectionCount(1);
    private readonly int _gen2 = GC.CollectionCount(2);
    private readonly TimeSpan _pause0 = GC.GetTotalPauseDuration();
    private readonly long _jitMethods0 = System.Runtime.JitInfo.GetCompiledMethodCount();
    private readonly TimeSpan _jitTime0 = System.Runtime.JitInfo.GetCompilationTime();

    public TimeSpan Wall => _wall.Elapsed;

    /// <summary>Writes cpu % (of all cores), cpu ms per 1,000 deliveries, memory, GC and JIT figures.</summary>
    public void StopInto(RunFigures run, long deliveries)
    {
        _wall.Stop();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime - _cpu0;
        run["wall s"] = _wall.Elapsed.TotalSeconds;
        run["cpu %"] = 100 * cpu.TotalMilliseconds / _wall.Elapsed.TotalMilliseconds / Environment.ProcessorCount;
        run["cpu ms/1k msgs"] = deliveries == 0 ? double.NaN : cpu.TotalMilliseconds / deliveries * 1000;
        run["alloc MB"] = (GC.GetTotalAllocatedBytes() - _allocated0) / 1048576.0;
        // Counts include the higher generations' (a gen1 collection also collects gen0).
        run["gen0 GCs"] = GC.CollectionCount(0) - _gen0;
        run["gen1 GCs"] = GC.CollectionCount(1) - _gen1;
        run["gen2 GCs"] = GC.CollectionCount(2) - _gen2;
        run["GC pause ms"] = (GC.GetTotalPauseDuration() - _pause0).TotalMilliseconds;
        // Compiled during the run (tiering up on the background thread counts): CPU the run lost to the JIT.
        run["JIT methods"] = System.Runtime.JitInfo.GetCompiledMethodCount() - _jitMethods0;
        run["JIT ms"] = (System.Runtime.JitInfo.GetCompilationTime() - _jitTime0).TotalMilliseconds;
        run["heap MB"] = GC.GetTotalMemory(false) / 1048576.0;
        run["working set MB"] = process.WorkingSet64 / 1048576.0;
    }
}
