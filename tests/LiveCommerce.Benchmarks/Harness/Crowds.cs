using System.Diagnostics;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;

namespace LiveCommerce.Benchmarks.Harness;

/// <summary>Bringing thousands of real connections up (and back) without a connect storm the harness itself causes.</summary>
public static class Crowds
{
    /// <summary>Connections opened at once; beyond this, Kestrel's accept backlog and the 2 cores just queue them.</summary>
    public const int ConnectParallelism = 64;

    public static async Task<CrowdClient[]> JoinLiveAsync(LiveCluster cluster, BenchOptions options, LatencyHistogram latency, CancellationToken ct)
    {
        var clients = Enumerable.Range(0, options.Viewers)
            .Select(i => new CrowdClient(cluster.NodeFor(i).Address, cluster.GuestToken(i), cluster.Stream.Id, options.Protocol, e => Received(latency, e)))
            .ToArray();
        await ForEachAsync(clients, async c =>
        {
            await c.ConnectAsync(ct);
            await c.JoinAsync(ct);
        }, ct);
        return clients;
    }

    public static void Received(LatencyHistogram latency, LiveEvent e) => latency.Record(DateTimeOffset.UtcNow - e.At);

    public static async Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action, CancellationToken ct, int parallelism = ConnectParallelism) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (item, _) => await action(item));

    /// <summary>Waits until <paramref name="done"/> holds, polling; false on timeout.</summary>
    public static async Task<bool> UntilAsync(Func<bool> done, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(10, ct);
        }

        return true;
    }

    public static async Task DisposeAllAsync(IEnumerable<IAsyncDisposable> clients) =>
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
}
