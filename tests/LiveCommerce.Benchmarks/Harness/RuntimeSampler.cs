using System.Diagnostics;

namespace LiveCommerce.Benchmarks.Harness;

/// <summary>
/// With LIVECOMMERCE_BENCH_TRACE=1, prints the thread pool, GC and CPU every half second to
/// stderr: where the time goes when latency is high but the cores are not busy. With
/// LIVECOMMERCE_BENCH_ALLOC=1, prints what was allocated, by type, when the run ends.
/// </summary>
public sealed class RuntimeSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly AllocationSampler? _allocations = AllocationSampler.Enabled ? new() : null;

    public RuntimeSampler(string label) => _loop = Enabled ? Task.Run(() => LoopAsync(label, _stop.Token)) : Task.CompletedTask;

    public static bool Enabled => Environment.GetEnvironmentVariable("LIVECOMMERCE_BENCH_TRACE") == "1";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _allocations?.Dispose();
    }

    private static async Task LoopAsync(string label, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var items = ThreadPool.CompletedWorkItemCount;
        var pause = GC.GetTotalPauseDuration();
        var last = clock.Elapsed;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                using var p = Process.GetCurrentProcess();
                var now = clock.Elapsed;
                var dt = (now - last).TotalMilliseconds;
                Console.Error.WriteLine(
                    $"[{label} {now.TotalSeconds,5:0.0}s] cpu {100 * (p.TotalProcessorTime - cpu).TotalMilliseconds / dt / Environment.ProcessorCount,5:0}% " +
                    $"threads {ThreadPool.ThreadCount,3} queued {ThreadPool.PendingWorkItemCount,6} items/s {(ThreadPool.CompletedWorkItemCount - items) * 1000 / dt,8:0} " +
                    $"gc pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds,5:0}ms gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
                (cpu, items, pause, last) = (p.TotalProcessorTime, ThreadPool.CompletedWorkItemCount, GC.GetTotalPauseDuration(), now);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
