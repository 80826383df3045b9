using LiveCommerce.Benchmarks.Baseline;
using LiveCommerce.Benchmarks.Harness;
using LiveCommerce.Contracts;

namespace LiveCommerce.Benchmarks.Scenarios;

/// <summary>
/// V viewers in one stream over 1–2 nodes; the host publishes small sequenced events at a fixed
/// rate plus one full handler-driven stream update a second. Latency is from the event's
/// <see cref="LiveEvent.At"/> (stamped by the server as it publishes) to the client applying it.
/// Baseline: the chat-sample hub broadcasting the same payload to the same number of viewers.
/// </summary>
public sealed class FanoutScenario : IScenario
{
    public const string Ours = "livecommerce";
    public const string Plain = "plain hub";

    public string Name => "fanout";

    public string Description => "one event to every viewer of a stream: delivered/s, latency p50/p95/p99, CPU, memory; beside a plain chat-sample hub";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var result = new ScenarioResult(Name, options);
        if (options.Baseline)
        {
            result.Runs.Add(await RunPlainAsync(options, result, ct));
        }

        var ours = await RunOursAsync(options, result, ct);
        result.Runs.Insert(0, ours);
        if (options.Baseline)
        {
            var plain = result.Run(Plain);
            result.Ratios["delivered/s ours/plain"] = ours["delivered/s"] / plain["delivered/s"];
            result.Ratios["p99 ours/plain"] = ours["p99 ms"] / plain["p99 ms"];
            result.Ratios["cpu per msg ours/plain"] = ours["cpu ms/1k msgs"] / plain["cpu ms/1k msgs"];
        }

        result.Notes.Add("CPU and memory are of the whole process: server node(s) and the simulated crowd share it and the machine's cores.");
        return result;
    }

    private static async Task<RunFigures> RunOursAsync(BenchOptions options, ScenarioResult result, CancellationToken ct)
    {
        var run = new RunFigures(Ours);
        await using var sampler = new RuntimeSampler(Ours);
        await using var cluster = await LiveCluster.StartAsync(options);
        var latency = new LatencyHistogram();
        var clients = await Crowds.JoinLiveAsync(cluster, options, latency, ct);
        try
        {
            result.Notes.Add("ours warm-up: " + await WarmUpRoundsAsync(options, n => cluster.PublishSmallAsync((int)n), n => cluster.UpdateThroughHandlerAsync((int)n), async () =>
            {
                var seq = await cluster.CurrentSeqAsync();
                await Crowds.UntilAsync(() => clients.All(c => c.Last >= seq), TimeSpan.FromSeconds(30), ct);
            }, ct));
            var warm = await cluster.CurrentSeqAsync();
            latency.Reset();
            var startSeq = warm;
            var meter = new ResourceMeter();
            await using var publisher = new Publisher(options.Rate, n => cluster.PublishSmallAsync((int)n), n => cluster.UpdateThroughHandlerAsync((int)n));
            publisher.Start();
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds), ct);
            await publisher.StopAsync();
            var finalSeq = await cluster.CurrentSeqAsync();
            var drained = await Crowds.UntilAsync(() => clients.All(c => c.Last >= finalSeq), TimeSpan.FromSeconds(30), ct);

            var published = finalSeq - startSeq;
            run["viewers"] = clients.Length;
            run["published"] = published;
            run["published/s"] = published / publisher.Elapsed.TotalSeconds;
            run["delivered"] = latency.Count;
            run["delivered/s"] = latency.Count / meter.Wall.TotalSeconds;
            Latencies(run, latency);
            run["send p50 ms"] = publisher.SendTime.Percentile(50);
            run["send p99 ms"] = publisher.SendTime.Percentile(99);
            meter.StopInto(run, latency.Count);

            result.Invariants["missed"] = clients.Sum(c => c.Missed + Math.Max(0, finalSeq - c.Last));
            result.Invariants["duplicated"] = clients.Sum(c => c.DuplicatesApplied);
            result.Invariants["not delivered"] = published * clients.Length - latency.Count;
            if (!drained)
            {
                result.Notes.Add("Not every viewer caught up within 30 s after publishing stopped.");
            }
        }
        finally
        {
            await Crowds.DisposeAllAsync(clients);
        }

        return run;
    }

    private static async Task<RunFigures> RunPlainAsync(BenchOptions options, ScenarioResult? result, CancellationToken ct)
    {
        var run = new RunFigures(Plain);
        await using var sampler = new RuntimeSampler(Plain);
        await using var server = await PlainServer.StartAsync();
        var latency = new LatencyHistogram();
        var clients = Enumerable.Range(0, options.Viewers).Select(_ => new PlainClient(server.Address, e => Crowds.Received(latency, e))).ToArray();
        await Crowds.ForEachAsync(clients, c => c.ConnectAndJoinAsync(ct), ct);
        try
        {
            foreach (var c in clients)
            {
                c.StartFrom(0);
            }

            var payload = SamplePayload();
            var warmUp = await WarmUpRoundsAsync(options, _ => server.BroadcastAsync(payload), _ => server.BroadcastAsync(payload), async () =>
            {
                var seq = server.LastSeq;
                await Crowds.UntilAsync(() => clients.All(c => c.Last >= seq), TimeSpan.FromSeconds(30), ct);
            }, ct);
            result?.Notes.Add("plain hub warm-up: " + warmUp);
            latency.Reset();
            var startSeq = server.LastSeq;
            var meter = new ResourceMeter();
            await using var publisher = new Publisher(options.Rate, _ => server.BroadcastAsync(payload), _ => server.BroadcastAsync(payload));
            publisher.Start();
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds), ct);
            await publisher.StopAsync();
            var lastSeq = server.LastSeq;
            var published = lastSeq - startSeq;
            await Crowds.UntilAsync(() => clients.All(c => c.Last >= lastSeq), TimeSpan.FromSeconds(30), ct);

            run["viewers"] = clients.Length;
            run["published"] = published;
            run["published/s"] = published / publisher.Elapsed.TotalSeconds;
            run["delivered"] = latency.Count;
            run["delivered/s"] = latency.Count / meter.Wall.TotalSeconds;
            Latencies(run, latency);
            run["send p50 ms"] = publisher.SendTime.Percentile(50);
            run["send p99 ms"] = publisher.SendTime.Percentile(99);
            meter.StopInto(run, latency.Count);
            run["missed"] = clients.Sum(c => c.Missed + Math.Max(0, lastSeq - c.Last));
        }
        finally
        {
            await Crowds.DisposeAllAsync(clients);
        }

        return run;
    }

    /// <summary>
    /// A short, discarded plain-hub run before the measured ones of a scenario without a warm-up of
    /// its own, so the first measured run does not pay alone for thread-pool ramp-up and JIT of the
    /// shared client and socket code.
    /// </summary>
    public static async Task WarmUpAsync(BenchOptions options, CancellationToken ct)
    {
        if (!options.Quick)
        {
            await RunPlainAsync(options with { Viewers = Math.Min(options.Viewers, 500), Seconds = 2, Quick = true }, null, ct);
        }
    }

    /// <summary>Rounds of a second of publishing at the measured rate, each until every viewer has it all, until the JIT has settled (see <see cref="JitWarmUp"/>).</summary>
    private static Task<string> WarmUpRoundsAsync(BenchOptions options, Func<long, Task> small, Func<long, Task> everySecond, Func<Task> drain, CancellationToken ct) =>
        JitWarmUp.RunAsync($"a second of publishing at {options.Rate:0}/s, then until all delivered", options.Quick, async _ =>
        {
            await using var publisher = new Publisher(options.Rate, small, everySecond);
            publisher.Start();
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            await publisher.StopAsync();
            await drain();
        });

    /// <summary>The same shape and size as what our server sends.</summary>
    public static StreamUpdated SamplePayload() => new()
    {
        StreamId = "s-0123456789abcdef",
        Stream = new StreamDto("s-0123456789abcdef", "bench-host", "Bench Host", "Bench stream", "Fan-out under load", StreamStatus.Live,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null, 0),
    };

    public static void Latencies(RunFigures run, LatencyHistogram latency)
    {
        run["p50 ms"] = latency.Percentile(50);
        run["p95 ms"] = latency.Percentile(95);
        run["p99 ms"] = latency.Percentile(99);
        run["max ms"] = latency.MaxMs;
    }
}
