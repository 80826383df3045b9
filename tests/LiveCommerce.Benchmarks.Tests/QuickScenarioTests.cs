using LiveCommerce.Benchmarks.Harness;
using LiveCommerce.Benchmarks.Scenarios;

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

    [Fact]
    public void Options_parse_quick_defaults_and_refuse_bad_numbers()
    {
        var quick = BenchOptions.Parse(["fanout", "--quick", "--nodes", "2"]);
        Assert.Equal((50, 3, 2, true), (quick.Viewers, quick.Seconds, quick.Nodes, quick.UsesRedis));
        Assert.Equal(2000, BenchOptions.Parse(["fanout"]).Viewers);
        Assert.Equal(300, BenchOptions.Parse(["fanout", "--quick", "--viewers", "300"]).Viewers);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["fanout", "--nodes", "3"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["fanout", "--viewers"]));
        Assert.NotNull(ScenarioRegistry.Find("FANOUT"));
        Assert.Null(ScenarioRegistry.Find("nope"));
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
