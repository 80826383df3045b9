using System.Diagnostics;
using LiveCommerce.Benchmarks.Baseline;
using LiveCommerce.Benchmarks.Harness;
using LiveCommerce.Simulator;

namespace LiveCommerce.Benchmarks.Scenarios;

/// <summary>
/// V viewers watch while events flow; all drop at once (connections disposed), stay away a moment,
/// and rejoin on new connections passing their lastSeq, while events keep flowing. Figures: time
/// until every viewer is back and caught up, and per viewer, by seq, missed and duplicated events
/// (both must be 0). Rejoin times count from the moment the viewers start reconnecting. Baseline: the chat-sample hub, whose viewers simply rejoin the group and
/// lose whatever was sent while they were away.
/// </summary>
public sealed class ReconnectScenario : IScenario
{
    public const string Ours = "livecommerce";
    public const string Plain = "plain hub";

    /// <summary>How long the viewers are away: events published meanwhile must be replayed.</summary>
    private static readonly TimeSpan Away = TimeSpan.FromMilliseconds(500);

    public string Name => "reconnect";

    public string Description => "every viewer drops at once and rejoins with lastSeq while events flow: time to caught up, missed, duplicated; beside a plain hub";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var result = new ScenarioResult(Name, options);
        await FanoutScenario.WarmUpAsync(options, ct);
        if (options.Baseline)
        {
            result.Runs.Add(await RunPlainAsync(options, ct));
        }

        var ours = await RunOursAsync(options, result, ct);
        result.Runs.Insert(0, ours);
        if (options.Baseline)
        {
            result.Ratios["all caught up ours / all rejoined plain"] = ours["all caught up ms"] / result.Run(Plain)["all rejoined ms"];
        }

        result.Notes.Add($"Viewers are away {Away.TotalMilliseconds} ms; reconnects open {Crowds.ConnectParallelism} connections at a time.");
        result.Notes.Add("The plain hub has no replay: its 'missed' is what a chat-sample client loses on every reconnect.");
        return result;
    }

    private static async Task<RunFigures> RunOursAsync(BenchOptions options, ScenarioResult result, CancellationToken ct)
    {
        var run = new RunFigures(Ours);
        await using var cluster = await LiveCluster.StartAsync(options);
        var latency = new LatencyHistogram();
        var clients = await Crowds.JoinLiveAsync(cluster, options, latency, ct);
        try
        {
            var startSeq = cluster.LastSeq;
            var meter = new ResourceMeter();
            await using var publisher = new Publisher(options.Rate, n => cluster.PublishSmallAsync((int)n), n => cluster.UpdateThroughHandlerAsync((int)n));
            publisher.Start();
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Seconds / 3.0)), ct);

            var clock = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select(c => c.DropAsync()));
            var dropped = clock.Elapsed;
            var seqAtDrop = cluster.LastSeq;
            await Task.Delay(Away, ct);
            clock.Restart();

            // Back on new connections, each resuming from its own last seq; caught up once it has
            // applied at least up to the seq its join answered with.
            var caughtUp = new double[clients.Length];
            var rejoined = new double[clients.Length];
            await Crowds.ForEachAsync(Enumerable.Range(0, clients.Length), async i =>
            {
                var c = clients[i];
                await c.ConnectAsync(ct);
                var snapshot = await c.JoinAsync(ct);
                rejoined[i] = clock.Elapsed.TotalMilliseconds;
                await Crowds.UntilAsync(() => c.Last >= snapshot.Seq, TimeSpan.FromSeconds(30), ct);

                caughtUp[i] = clock.Elapsed.TotalMilliseconds;
            }, ct);
            var seqAtRejoin = cluster.LastSeq;

            // Keep events flowing a little past the storm, then check every viewer by seq.
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Seconds / 3.0)), ct);
            await publisher.StopAsync();
            var finalSeq = await cluster.CurrentSeqAsync();
            var drained = await Crowds.UntilAsync(() => clients.All(c => c.Last >= finalSeq), TimeSpan.FromSeconds(30), ct);

            Array.Sort(caughtUp);
            run["viewers"] = clients.Length;
            run["published"] = finalSeq - startSeq;
            run["published while away"] = seqAtRejoin - seqAtDrop;
            run["drop all ms"] = dropped.TotalMilliseconds;
            run["all rejoined ms"] = rejoined.Max();
            run["caught up p50 ms"] = caughtUp[caughtUp.Length / 2];
            run["caught up p99 ms"] = caughtUp[(int)Math.Min(caughtUp.Length - 1, Math.Ceiling(caughtUp.Length * 0.99) - 1)];
            run["all caught up ms"] = caughtUp[^1];
            run["dup deliveries dropped by gate"] = clients.Sum(c => c.DuplicatesReceived);
            run["snapshot resets"] = clients.Sum(c => c.SnapshotResets);
            run["delivered"] = latency.Count;
            meter.StopInto(run, latency.Count);

            result.Invariants["missed"] = clients.Sum(c => c.Missed + Math.Max(0, finalSeq - c.Last));
            result.Invariants["duplicated"] = clients.Sum(c => c.DuplicatesApplied);
            result.Invariants["not delivered"] = (finalSeq - startSeq) * clients.Length - latency.Count;
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

    private static async Task<RunFigures> RunPlainAsync(BenchOptions options, CancellationToken ct)
    {
        var run = new RunFigures(Plain);
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

            var payload = FanoutScenario.SamplePayload();
            var meter = new ResourceMeter();
            await using var publisher = new Publisher(options.Rate, _ => server.BroadcastAsync(payload), _ => server.BroadcastAsync(payload));
            publisher.Start();
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Seconds / 3.0)), ct);

            var clock = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select(c => c.DropAsync()));
            var dropped = clock.Elapsed;
            var seqAtDrop = server.LastSeq;
            await Task.Delay(Away, ct);
            clock.Restart();
            var rejoined = new double[clients.Length];
            await Crowds.ForEachAsync(Enumerable.Range(0, clients.Length), async i =>
            {
                await clients[i].ConnectAndJoinAsync(ct);
                rejoined[i] = clock.Elapsed.TotalMilliseconds;
            }, ct);
            var seqAtRejoin = server.LastSeq;

            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Seconds / 3.0)), ct);
            await publisher.StopAsync();
            var published = server.LastSeq;
            await Crowds.UntilAsync(() => clients.All(c => c.Last >= published), TimeSpan.FromSeconds(30), ct);

            run["viewers"] = clients.Length;
            run["published"] = published;
            run["published while away"] = seqAtRejoin - seqAtDrop;
            run["drop all ms"] = dropped.TotalMilliseconds;
            run["all rejoined ms"] = rejoined.Max();
            run["delivered"] = latency.Count;
            meter.StopInto(run, latency.Count);
            run["missed"] = clients.Sum(c => c.Missed + Math.Max(0, published - c.Last));
            run["duplicated"] = clients.Sum(c => c.Duplicated);
        }
        finally
        {
            await Crowds.DisposeAllAsync(clients);
        }

        return run;
    }
}
