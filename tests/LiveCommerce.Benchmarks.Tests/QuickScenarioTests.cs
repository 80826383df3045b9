using LiveCommerce.Benchmarks.Baseline;
using LiveCommerce.Benchmarks.Harness;
using LiveCommerce.Benchmarks.Scenarios;
using LiveCommerce.Simulator;

namespace LiveCommerce.Benchmarks.Tests;

/// <summary>
/// Each scenario's --quick mode, in-process: the harness runs end to end (our nodes, the plain
/// baseline, real clients over real sockets) and the invariants hold. Speed is not asserted.
/// </summary>
public sealed class QuickScenarioTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Fanout_quick_delivers_every_event_once_to_every_viewer_beside_the_plain_hub(int nodes)
    {
        var result = await RunAsync("fanout", "--nodes", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var ours = result.Run(FanoutScenario.Ours);
        Assert.Equal(50, ours["viewers"]);
        Assert.True(ours["published"] >= 5, $"published {ours["published"]}");
        Assert.Equal(ours["published"] * 50, ours["delivered"]);
        Assert.True(ours["p99 ms"] > 0 && ours["p50 ms"] <= ours["p99 ms"]);

        // Every event carries the server's publish time, also the handler-driven updates that leave At
        // empty (the broadcaster stamps it): otherwise the latency would be years.
        Assert.True(ours["max ms"] < 30_000, $"max latency {ours["max ms"]} ms");
        Assert.Equal(0, result.Invariants["missed"]);
        Assert.Equal(0, result.Invariants["duplicated"]);
        Assert.Equal(0, result.Invariants["not delivered"]);

        var plain = result.Run(FanoutScenario.Plain);
        Assert.Equal(plain["published"] * 50, plain["delivered"]);
        Assert.True(result.Ratios["delivered/s ours/plain"] > 0);
        AssertPrintable(result);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Reconnect_quick_every_viewer_resumes_with_nothing_missed_or_duplicated(int nodes)
    {
        var result = await RunAsync("reconnect", "--nodes", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var ours = result.Run(ReconnectScenario.Ours);
        Assert.True(ours["published while away"] > 0, "events must flow while the viewers are away");
        Assert.True(ours["all caught up ms"] >= ours["caught up p50 ms"]);
        Assert.Equal(0, result.Invariants["missed"]);
        Assert.Equal(0, result.Invariants["duplicated"]);
        Assert.Equal(0, result.Invariants["not delivered"]);
        Assert.True(result.InvariantsHold);

        // The naive way loses what was sent while away; that is what the replay is for.
        Assert.True(result.Run(ReconnectScenario.Plain)["missed"] > 0);
        AssertPrintable(result);
    }

    [Theory]
    [InlineData("--msgpack")]
    [InlineData("--json")]
    public async Task Comments_quick_every_comment_reaches_every_viewer_once_beside_the_plain_hub(string protocol)
    {
        var result = await RunAsync("comments", protocol);

        var ours = result.Run(CommentsScenario.Ours);
        Assert.Equal(30, ours["comments sent"]); // 10/s for 3 s
        Assert.True(ours["senders"] < 50 && ours["senders"] * 9 >= 30, $"senders {ours["senders"]}: a subset, each under the limit");
        Assert.Equal(30 * 50, ours["comments delivered"]);
        Assert.Equal(0, result.Invariants["refused"]);
        Assert.Equal(0, result.Invariants["not delivered"]);
        Assert.Equal(0, result.Invariants["duplicated"]);
        Assert.Equal(0, result.Invariants["missed (seq)"]);

        // Batching: fewer frames than comments delivered, and each comment's latency is measured.
        Assert.True(ours["frames delivered/s"] <= ours["comments delivered/s"]);
        Assert.True(ours["p50 ms"] > 0 && ours["p50 ms"] <= ours["p99 ms"] && ours["p99 ms"] <= ours["all viewers p99 ms"] + 0.1);
        Assert.True(ours["max ms"] < 20_000, $"max {ours["max ms"]} ms");

        var plain = result.Run(CommentsScenario.Plain);
        Assert.Equal(30 * 50, plain["comments delivered"]);
        Assert.Equal(0, plain["not delivered"]);
        Assert.Equal(0, plain["duplicated"]);
        Assert.Equal(plain["frames delivered/s"], plain["comments delivered/s"]); // one frame per comment
        Assert.True(result.Ratios["comments delivered/s ours/plain"] > 0);
        AssertPrintable(result);
    }

    [Fact]
    public async Task Flashsale_quick_sells_exactly_the_units_never_more_beside_redis_benchmark_and_naive()
    {
        var result = await RunAsync("flashsale");

        foreach (var name in new[] { FlashSaleScenario.Spread, FlashSaleScenario.Burst })
        {
            var run = result.Run(name);
            Assert.Equal(50, run["decisions"]);
            Assert.Equal(20, run["held"]); // 50 buyers, 20 units, 1 each: exactly the units, the rest sold out
            Assert.Equal(30, run["sold out"]);
            Assert.Equal(0, run["oversold (redis)"]);
            Assert.True(run["p50 ms"] > 0 && run["p50 ms"] <= run["p99 ms"]);
        }

        Assert.True(result.InvariantsHold, string.Join(", ", result.Invariants.Where(i => i.Value != 0)));
        Assert.Equal(0, result.Invariants["oversold, naive"]);
        Assert.Equal(20, result.Run(FlashSaleScenario.Naive)["held"]);

        // The ceiling really ran the server's script: it sold the same units, never more.
        var ceiling = result.Run(FlashSaleScenario.Ceiling);
        Assert.True(ceiling["decisions/s"] > 0, "redis-benchmark must run (see the notes)");
        Assert.Equal(20, ceiling["held"]);
        Assert.Equal(0, ceiling["oversold (redis)"]);
        Assert.True(double.IsFinite(result.Ratios["decisions/s ours (all at once) / redis-benchmark -P16"]));

        // The round-trip ceilings answered every buyer, without errors.
        foreach (var name in new[] { FlashSaleScenario.RoundTrip, FlashSaleScenario.RoundTripAfterWait })
        {
            var roundTrip = result.Run(name);
            Assert.Equal(50, roundTrip["decisions"]);
            Assert.Equal(0, roundTrip["errors"]);
        }

        // The first call of each shared wait waits all of it; later arrivals join it and wait less (so not the p50).
        Assert.True(result.Run(FlashSaleScenario.RoundTripAfterWait)["p99 ms"] >= SharedDecision.Delay.TotalMilliseconds - 1);
        Assert.True(double.IsFinite(result.Ratios["decisions/s ours (all at once) / SignalR round trip alone"]));
        Assert.True(double.IsFinite(result.Ratios["decisions/s ours (all at once) / round trip after a shared wait"]));
        AssertPrintable(result);
    }

    [Fact]
    public void Options_parse_quick_defaults_and_refuse_bad_numbers()
    {
        var quick = BenchOptions.Parse(["fanout", "--quick", "--nodes", "2"]);
        Assert.Equal((50, 3, 2, true), (quick.Viewers, quick.Seconds, quick.Nodes, quick.UsesRedis));
        Assert.Equal(2000, BenchOptions.Parse(["fanout"]).Viewers);
        Assert.Equal(WireProtocol.Json, BenchOptions.Parse(["fanout"]).Protocol); // as the web client speaks
        Assert.Equal(WireProtocol.MessagePack, BenchOptions.Parse(["fanout", "--msgpack"]).Protocol);
        Assert.Equal(300, BenchOptions.Parse(["fanout", "--quick", "--viewers", "300"]).Viewers);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["fanout", "--nodes", "3"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["fanout", "--viewers"]));
        Assert.NotNull(ScenarioRegistry.Find("FANOUT"));
        Assert.Null(ScenarioRegistry.Find("nope"));
        var sale = BenchOptions.Parse(["flashsale", "--units", "7", "--rate", "3"]);
        Assert.Equal((7, true, true, false), (sale.Units, sale.UnitsGiven, sale.RateGiven, sale.ViewersGiven));
    }

    private static async Task<ScenarioResult> RunAsync(string scenario, params string[] args)
    {
        var options = BenchOptions.Parse([scenario, "--quick", .. args]);
        using var cts = new CancellationTokenSource(Bound);
        return await ScenarioRegistry.Find(scenario)!.RunAsync(options, cts.Token);
    }

    private static void AssertPrintable(ScenarioResult result)
    {
        Assert.Contains(result.Scenario, Report.Table(result), StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(Report.JsonLine(result));
        Assert.True(json.RootElement.GetProperty("invariantsHold").GetBoolean());
        Assert.DoesNotContain('\n', Report.JsonLine(result));
    }
}
