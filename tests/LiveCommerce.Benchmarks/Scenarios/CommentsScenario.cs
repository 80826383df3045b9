using System.Diagnostics;
using System.Globalization;
using Bogus;
using LiveCommerce.Benchmarks.Baseline;
using LiveCommerce.Benchmarks.Harness;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Simulator;
using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Benchmarks.Scenarios;

/// <summary>
/// V viewers in one stream; C comments a second from a subset of them through the real
/// <c>SendComment</c> hub method (batched server-side into one <see cref="CommentsAdded"/> per
/// window). Each comment's text starts with "#n ", n indexing the time it was sent, so latency is
/// send → each viewer received (and → the last viewer received), and every viewer's copies are
/// counted per comment. Baseline: the chat-sample hub sending each comment to the group as it comes.
/// </summary>
public sealed class CommentsScenario : IScenario
{
    public const string Ours = "livecommerce";
    public const string Plain = "plain hub";

    /// <summary>The server's per-viewer limit (Comments:RateLimit per RateWindow); senders stay under it.</summary>
    private const int LimitPerWindow = 10;
    private const int WindowSeconds = 30;

    public string Name => "comments";

    public string Description => "viewers' comments batched into CommentsAdded: delivered frames/s and comments/s, latency send → every viewer, CPU; beside the plain hub";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var rate = options.RateGiven ? options.Rate : options.Quick ? 10 : 50;
        options = options with { Rate = rate };
        var result = new ScenarioResult(Name, options)
        {
            Headline = $"{options.Viewers} viewers, {rate} comments/s for {options.Seconds} s, {options.Nodes} node(s){(options.UsesRedis ? " + Redis" : "")}, {options.Protocol}",
        };

        // Senders each comment at most 9 times per 30 s (the limit is 10): enough of them share the rate.
        var senders = (int)Math.Min(options.Viewers, Math.Ceiling(rate * WindowSeconds / (LimitPerWindow - 1)));
        var extra = new Dictionary<string, string?>();
        if (rate * WindowSeconds / senders > LimitPerWindow - 1)
        {
            var limit = (int)Math.Min(1000, Math.Ceiling(rate * WindowSeconds / senders) + 1);
            extra["Comments:RateLimit"] = limit.ToString(CultureInfo.InvariantCulture);
            result.Notes.Add($"Too few viewers to spread {rate} comments/s under the limit: Comments:RateLimit raised to {limit} per {WindowSeconds} s for this run.");
        }

        result.Notes.Add($"{senders} of the {options.Viewers} viewers send, each at most {LimitPerWindow - 1} per {WindowSeconds} s (the per-viewer limit is {LimitPerWindow}).");
        if (options.Baseline)
        {
            result.Runs.Add(await RunPlainAsync(options, rate, senders, result, ct));
        }

        var ours = await RunOursAsync(options, rate, senders, extra, result, ct);
        result.Runs.Insert(0, ours);
        if (options.Baseline)
        {
            var plain = result.Run(Plain);
            result.Ratios["comments delivered/s ours/plain"] = ours["comments delivered/s"] / plain["comments delivered/s"];
            result.Ratios["frames delivered/s ours/plain"] = ours["frames delivered/s"] / plain["frames delivered/s"];
            result.Ratios["p99 ours/plain"] = ours["p99 ms"] / plain["p99 ms"];
            result.Ratios["all-viewers p99 ours/plain"] = ours["all viewers p99 ms"] / plain["all viewers p99 ms"];
            result.Ratios["cpu per comment ours/plain"] = ours["cpu ms/1k msgs"] / plain["cpu ms/1k msgs"];
        }

        result.Notes.Add("Latency is from the sender's InvokeAsync (harness clock) to each viewer's handler; 'all viewers' = to the last viewer of that comment. Ours waits up to one batch window (150 ms) by design.");
        result.Notes.Add("cpu ms/1k msgs = per 1,000 comment deliveries (one comment to one viewer); CPU is the whole process: node, crowd and senders.");
        return result;
    }

    private static async Task<RunFigures> RunOursAsync(BenchOptions options, double rate, int senders, Dictionary<string, string?> extra, ScenarioResult result, CancellationToken ct)
    {
        var run = new RunFigures(Ours);
        await using var sampler = new RuntimeSampler(Ours);
        await using var cluster = await LiveCluster.StartAsync(options, extra);
        var tracker = new CommentTracker(options.Viewers, Capacity(rate, options.Seconds));
        var clients = Enumerable.Range(0, options.Viewers)
            .Select(i => new CrowdClient(cluster.NodeFor(i).Address, cluster.GuestToken(i), cluster.Stream.Id, options.Protocol, e =>
            {
                if (e is CommentsAdded batch)
                {
                    tracker.Frame(i, batch.Comments, static c => c.Text);
                }
            }))
            .ToArray();
        await Crowds.ForEachAsync(clients, async c =>
        {
            await c.ConnectAsync(ct);
            await c.JoinAsync(ct);
        }, ct);
        try
        {
            // From the host through the mediator: the viewers' quota (and the hub's per-account call
            // limit) would not allow the measured rate on top of the measured seconds. The hot part,
            // batching and every viewer's delivery, is the same path.
            result.Notes.Add("ours warm-up: " + await WarmUpAsync(tracker, options, async text =>
            {
                await using var scope = cluster.Nodes[0].Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SendComment(LiveCluster.Host, cluster.Stream.Id, text), ct);
            }, ct));

            var meter = new ResourceMeter();
            await SendTrackedAsync(tracker, rate, options.Seconds, n => clients[n % senders].Hub.WithCancellation(ct).SendComment(cluster.Stream.Id, tracker.Text(n)), ct);
            var drained = await Crowds.UntilAsync(tracker.AllDelivered, DrainTimeout(options), ct);
            Figures(run, tracker, options.Viewers, senders, meter);

            result.Invariants["refused"] = tracker.Refused;
            result.Invariants["send failed"] = tracker.Failed;
            result.Invariants["not delivered"] = tracker.NotDelivered;
            result.Invariants["duplicated"] = tracker.Duplicates;
            result.Invariants["missed (seq)"] = clients.Sum(c => c.Missed);
            if (!drained)
            {
                result.Notes.Add($"ours: not every comment reached every viewer within {DrainTimeout(options).TotalSeconds:0} s after sending stopped.");
            }
        }
        finally
        {
            await Crowds.DisposeAllAsync(clients);
        }

        return run;
    }

    private static async Task<RunFigures> RunPlainAsync(BenchOptions options, double rate, int senders, ScenarioResult result, CancellationToken ct)
    {
        var run = new RunFigures(Plain);
        await using var sampler = new RuntimeSampler(Plain);
        await using var server = await PlainServer.StartAsync();
        var tracker = new CommentTracker(options.Viewers, Capacity(rate, options.Seconds));
        var clients = Enumerable.Range(0, options.Viewers)
            .Select(i => new PlainClient(server.Address, _ => { }) { OnComment = c => tracker.Frame(i, [c], static c => c.Text) })
            .ToArray();
        await Crowds.ForEachAsync(clients, c => c.ConnectAndJoinAsync(ct), ct);
        try
        {
            var k = 0;
            result.Notes.Add("plain hub warm-up: " + await WarmUpAsync(tracker, options, text => clients[k++ % senders].SendCommentAsync(text, ct), ct));
            var meter = new ResourceMeter();
            await SendTrackedAsync(tracker, rate, options.Seconds, n => clients[n % senders].SendCommentAsync(tracker.Text(n), ct), ct);
            if (!await Crowds.UntilAsync(tracker.AllDelivered, DrainTimeout(options), ct))
            {
                result.Notes.Add($"plain hub: not every comment reached every viewer within {DrainTimeout(options).TotalSeconds:0} s after sending stopped; {tracker.Failed} sends failed (SignalR's server timeout); its rates are up to its last delivery.");
            }

            Figures(run, tracker, options.Viewers, senders, meter);
            run["refused"] = tracker.Refused;
            run["send failed"] = tracker.Failed;
            run["not delivered"] = tracker.NotDelivered;
            run["duplicated"] = tracker.Duplicates;
        }
        finally
        {
            await Crowds.DisposeAllAsync(clients);
        }

        return run;
    }

    /// <summary>
    /// Rounds of a second of comments at the measured rate, each until every viewer has them all,
    /// until the JIT has settled (see <see cref="JitWarmUp"/>): the measured seconds start from steady
    /// state and empty queues. Their text has no "#n", so the tracker only counts them.
    /// </summary>
    private static async Task<string> WarmUpAsync(CommentTracker tracker, BenchOptions options, Func<string, Task> send, CancellationToken ct)
    {
        var sent = 0;
        var drained = true;
        var perRound = (int)Math.Ceiling(options.Rate);
        var what = await JitWarmUp.RunAsync($"{perRound} comments in 1 s, then until all delivered", options.Quick, async _ =>
        {
            await PaceAsync(perRound, options.Rate, () => send(CommentTracker.WarmUpPrefix + Interlocked.Increment(ref sent)), ct);
            drained &= await Crowds.UntilAsync(() => tracker.WarmUpDeliveries >= (long)sent * options.Viewers, DrainTimeout(options), ct);
        });
        tracker.Reset();
        return drained ? what : what + $"; not drained within {DrainTimeout(options).TotalSeconds:0} s";
    }

    /// <summary>Tracked comments (see <see cref="CommentTracker.Sending"/>); a refusal is counted, not thrown.</summary>
    private static Task SendTrackedAsync(CommentTracker tracker, double rate, int seconds, Func<int, Task> send, CancellationToken ct) =>
        PaceAsync((int)(rate * seconds), rate, async () =>
        {
            var n = tracker.Sending();
            try
            {
                await send(n);
            }
            catch (HubException)
            {
                tracker.Refuse(n);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An overloaded hub stops answering: SignalR's server timeout closes the sender's
                // connection, or the server resets it (and later sends find it closed). Counted, so
                // the run still reports; for ours it is an invariant.
                tracker.Fail();
            }
        }, ct);

    /// <summary>
    /// Open loop: send n is due at n / rate seconds and starts then whether or not earlier ones were
    /// answered (viewers do not wait for each other), so a server that falls behind shows it in
    /// latency, not in a lower offered rate.
    /// </summary>
    private static async Task PaceAsync(int total, double rate, Func<Task> sendNext, CancellationToken ct)
    {
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < total; n++)
        {
            // Read the clock once: read twice, the second read can be past the due time, and a
            // negative delay throws, aborting the run.
            var wait = TimeSpan.FromSeconds(n / rate) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            inFlight.Add(sendNext());
        }

        await Task.WhenAll(inFlight);
    }

    private static void Figures(RunFigures run, CommentTracker tracker, int viewers, int senders, ResourceMeter meter)
    {
        run["viewers"] = viewers;
        run["senders"] = senders;
        run["comments sent"] = tracker.Sent;
        run["comments sent/s"] = tracker.Sent / tracker.SendSeconds;
        run["comments delivered"] = tracker.Deliveries;
        run["frames delivered/s"] = tracker.Frames / tracker.DeliverySeconds;
        run["comments delivered/s"] = tracker.Deliveries / tracker.DeliverySeconds;
        run["comments per frame"] = tracker.Frames == 0 ? 0 : (double)tracker.Deliveries / tracker.Frames;
        run["p50 ms"] = tracker.Delivery.Percentile(50);
        run["p95 ms"] = tracker.Delivery.Percentile(95);
        run["p99 ms"] = tracker.Delivery.Percentile(99);
        run["max ms"] = tracker.Delivery.MaxMs;
        run["all viewers p50 ms"] = tracker.AllViewers.Percentile(50);
        run["all viewers p99 ms"] = tracker.AllViewers.Percentile(99);
        meter.StopInto(run, tracker.Deliveries);
    }

    private static int Capacity(double rate, int seconds) => (int)(rate * seconds) + 16;

    private static TimeSpan DrainTimeout(BenchOptions options) => TimeSpan.FromSeconds(options.Quick ? 20 : 60);
}

/// <summary>
/// Which viewer got which comment, and when. Comment n's text starts with "#n "; each viewer's
/// handler runs one frame at a time, so its row needs no lock; per-comment counts are Interlocked.
/// </summary>
public sealed class CommentTracker(int viewers, int capacity)
{
    private static readonly Faker Bogus = new() { Random = new Randomizer(8) };
    private readonly long[] _sentAt = new long[capacity];
    private readonly int[] _remaining = new int[capacity];
    private readonly byte[] _seen = new byte[viewers * capacity];
    private long _sendStart;
    private long _sendEnd;
    private int _sent;
    private long _frames;
    private long _deliveries;
    private long _duplicates;
    private long _warmUps;
    private long _lastDelivery;
    private int _refused;
    private int _failed;

    /// <summary>Comments with this text are counted apart (see <see cref="WarmUpDeliveries"/>), not tracked.</summary>
    public const string WarmUpPrefix = "warm-up ";

    public LatencyHistogram Delivery { get; } = new();

    public LatencyHistogram AllViewers { get; } = new();

    public int Sent => Volatile.Read(ref _sent);

    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Sends that failed without an answer (the connection timed out or was gone).</summary>
    public int Failed => Volatile.Read(ref _failed);

    public long Frames => Interlocked.Read(ref _frames);

    public long Deliveries => Interlocked.Read(ref _deliveries);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Warm-up comments received, all viewers together.</summary>
    public long WarmUpDeliveries => Interlocked.Read(ref _warmUps);

    public double SendSeconds => Stopwatch.GetElapsedTime(_sendStart, _sendEnd).TotalSeconds;

    /// <summary>From the first send to the last delivery: what delivery rates are over, drained or not.</summary>
    public double DeliverySeconds => Stopwatch.GetElapsedTime(_sendStart, Interlocked.Read(ref _lastDelivery)).TotalSeconds;

    /// <summary>Copies still owed: accepted comments times viewers, less what arrived.</summary>
    public long NotDelivered => Enumerable.Range(0, Sent).Sum(n => (long)Math.Max(0, Volatile.Read(ref _remaining[n])));

    public bool AllDelivered() => NotDelivered == 0;

    /// <summary>Marks comment n as being sent now and returns n.</summary>
    public int Sending()
    {
        var n = _sent;
        if (n >= capacity)
        {
            throw new InvalidOperationException("More comments than the tracker was sized for.");
        }

        _sentAt[n] = Stopwatch.GetTimestamp();
        _remaining[n] = viewers;
        _sendStart = n == 0 ? _sentAt[n] : _sendStart;
        _sendEnd = _sentAt[n];
        Volatile.Write(ref _sent, n + 1);
        return n;
    }

    /// <summary>The comment's text: its number, then a Bogus phrase.</summary>
    public string Text(int n)
    {
        string phrase;
        lock (Bogus)
        {
            phrase = Bogus.Hacker.Phrase();
        }

        return $"#{n.ToString(CultureInfo.InvariantCulture)} {(phrase.Length > 150 ? phrase[..150] : phrase)}";
    }

    /// <summary>The server refused comment n: no viewer is owed it.</summary>
    public void Refuse(int n)
    {
        Interlocked.Increment(ref _refused);
        Interlocked.Exchange(ref _remaining[n], 0);
    }

    /// <summary>A send failed with no answer: whether anyone is owed that comment is unknown, so it stays owed.</summary>
    public void Fail() => Interlocked.Increment(ref _failed);

    /// <summary>One frame reached viewer <paramref name="viewer"/> with these comments.</summary>
    /// <remarks>
    /// Counts are summed per frame, not per comment, and the texts are read in place: shared counters
    /// bumped for every copy of every comment, or a copy of every frame per viewer, would make the
    /// harness, not the system, what a batch of comments costs.
    /// </remarks>
    public void Frame<T>(int viewer, IReadOnlyList<T> comments, Func<T, string> text)
    {
        var now = Stopwatch.GetTimestamp();
        var sent = Sent;
        long delivered = 0, duplicates = 0, warmUps = 0;
        for (var i = 0; i < comments.Count; i++)
        {
            var body = text(comments[i]);
            if (!TryNumber(body, out var n) || n >= sent)
            {
                warmUps += body.StartsWith(WarmUpPrefix, StringComparison.Ordinal) ? 1 : 0;
                continue; // or another feature's comment
            }

            ref var seen = ref _seen[(viewer * capacity) + n];
            if (seen != 0)
            {
                duplicates++;
                continue;
            }

            seen = 1;
            delivered++;
            var latency = Stopwatch.GetElapsedTime(_sentAt[n], now);
            Delivery.Record(latency);
            if (Interlocked.Decrement(ref _remaining[n]) == 0)
            {
                AllViewers.Record(latency);
            }
        }

        if (delivered + duplicates > 0)
        {
            var last = Interlocked.Read(ref _lastDelivery);
            while (now > last && Interlocked.CompareExchange(ref _lastDelivery, now, last) != last)
            {
                last = Interlocked.Read(ref _lastDelivery);
            }

            Interlocked.Increment(ref _frames);
            Interlocked.Add(ref _deliveries, delivered);
            Interlocked.Add(ref _duplicates, duplicates);
        }

        if (warmUps > 0)
        {
            Interlocked.Add(ref _warmUps, warmUps);
        }
    }

    /// <summary>Forgets everything; only while nothing is sent or received.</summary>
    public void Reset()
    {
        Array.Clear(_seen);
        Array.Clear(_remaining);
        _sent = 0;
        _frames = _deliveries = _duplicates = _warmUps = _lastDelivery = 0;
        _refused = _failed = 0;
        Delivery.Reset();
        AllViewers.Reset();
    }

    private static bool TryNumber(string text, out int n)
    {
        n = 0;
        if (text.Length < 3 || text[0] != '#')
        {
            return false;
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space > 1 && int.TryParse(text.AsSpan(1, space - 1), NumberStyles.None, CultureInfo.InvariantCulture, out n);
    }
}
