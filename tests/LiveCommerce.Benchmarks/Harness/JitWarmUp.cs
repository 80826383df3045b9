using System.Diagnostics;

namespace LiveCommerce.Benchmarks.Harness;

/// <summary>
/// Unmeasured rounds of the scenario's own work, repeated (at most 8; 1 in --quick runs) until a round compiles fewer
/// than <see cref="SettledBelow"/> methods, each round followed by a wait until the JIT is idle
/// (<see cref="JitIdleAsync"/>). Tiered compilation (with dynamic PGO: tier 0, then an
/// instrumented tier, then tier 1) keeps recompiling the hot path on a background thread for
/// seconds, and on two saturated cores it falls behind, so a cold run measures the JIT, not the
/// system. Without the wait, the backlog a round left would be compiled during the measured runs,
/// billed to whichever system runs first (each run's "JIT ms" row shows what it paid). A server
/// that has been up for a while is past that; the baselines pay it too, except redis-benchmark, a
/// C program. Then a full collection: the connections just opened and the warm-up's garbage are
/// promoted now, not by a gen1 collection pausing the measured run, as a node that has been up for
/// minutes did long ago. Returns what it did, for the notes. See docs/BENCHMARKS.md, "Harness warm-up".
/// </summary>
public static class JitWarmUp
{
    public const int SettledBelow = 150;

    public static async Task<string> RunAsync(string what, bool quick, Func<string, Task> round)
    {
        var clock = Stopwatch.StartNew();
        var perRound = new List<long>();
        long compiled;
        do
        {
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            await round($"w{perRound.Count}");
            await JitIdleAsync(quick);

            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled;
            perRound.Add(compiled);
        }
        while (compiled > SettledBelow && perRound.Count < (quick ? 1 : 8));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        return $"{perRound.Count} round(s) of {what} ({clock.Elapsed.TotalSeconds:0.0} s; methods compiled per round: {string.Join(", ", perRound)}; then a full collection)";
    }

    /// <summary>
    /// Waits (at most 10 s) until no method was compiled for a quarter second: the rounds queue tier-ups
    /// faster than the background compiler, starved of cores during them, can work them off. Not in
    /// --quick runs, which check the harness, not speed, and would wait out a JIT that is still busy.
    /// </summary>
    public static async Task JitIdleAsync(bool quick)
    {
        if (quick)
        {
            return;
        }

        var deadline = Stopwatch.StartNew();
        var seen = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(250);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == seen)
            {
                return;
            }

            seen = now;
        }
    }
}
