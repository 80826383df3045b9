using LiveCommerce.Benchmarks.Harness;
using LiveCommerce.Benchmarks.Scenarios;

namespace LiveCommerce.Benchmarks.Tests;

/// <summary>The firstload scenario's arguments and figures (the scenario itself needs a server and a browser: docs/BENCHMARKS.md).</summary>
public sealed class FirstLoadSettingsTests
{
    [Fact]
    public void Defaults_are_the_mid_range_phone_of_issue_26_in_the_units_DevTools_wants()
    {
        var options = BenchOptions.Parse(["firstload", "--url", "http://127.0.0.1:5090/watch/demo-live"]);
        var s = FirstLoadSettings.Parse(options.Rest);

        Assert.Equal(new Uri("http://127.0.0.1:5090/watch/demo-live"), s.Url);
        Assert.Equal(200_000, s.DownBytesPerSecond); // 1.6 Mbps
        Assert.Equal(93_750, s.UpBytesPerSecond); // 750 kbps
        Assert.Equal(150, s.RttMs);
        Assert.Equal(4, s.CpuSlowdown);
        Assert.Equal(5, s.Runs);
        Assert.Equal(FirstLoadSettings.DefaultBuy, s.BuySelector);
        Assert.Equal("1.6 Mbps down, 750 kbps up, 150 ms RTT, CPU 4× slower", s.Profile);
    }

    [Fact]
    public void Every_option_is_read_and_bad_ones_are_refused_with_a_message()
    {
        var s = FirstLoadSettings.Parse(["--url", "http://localhost:1/watch/x", "--runs", "3", "--down", "10000", "--up", "5000", "--rtt", "40", "--cpu", "1", "--buy", "#buy", "--timeout", "30", "-v"]);
        Assert.Equal((3, 10_000, 5_000, 40, 1.0, "#buy", 30, true), (s.Runs, s.DownKbps, s.UpKbps, s.RttMs, s.CpuSlowdown, s.BuySelector, s.TimeoutSeconds, s.Verbose));
        Assert.Equal(TimeSpan.FromSeconds(60 + (3 * 2 * 40)), s.Bound);

        Assert.Contains("--url", Assert.Throws<ArgumentException>(() => FirstLoadSettings.Parse(["--runs", "3"])).Message);
        Assert.Throws<ArgumentException>(() => FirstLoadSettings.Parse(["--url", "watch/demo-live"]));
        Assert.Throws<ArgumentException>(() => FirstLoadSettings.Parse(["--url", "http://localhost/", "--runs", "0"]));
        Assert.Throws<ArgumentException>(() => FirstLoadSettings.Parse(["--url", "http://localhost/", "--cpu"]));
        Assert.Throws<ArgumentException>(() => FirstLoadSettings.Parse(["--url", "http://localhost/", "--nodes", "2"]));
    }

    [Fact]
    public void Median_and_range_of_odd_and_even_counts_ignore_runs_without_a_figure()
    {
        Assert.Equal(new Spread(2, 1, 9), Spread.Of([9, 1, 2]));
        Assert.Equal(new Spread(2.5, 1, 9), Spread.Of([9, 1, 2, 3]));
        Assert.Equal(new Spread(5, 5, 5), Spread.Of([double.NaN, 5]));
        Assert.True(double.IsNaN(Spread.Of([]).Median));
    }

    [Fact]
    public void The_verdict_says_plainly_whether_a_target_is_met()
    {
        Assert.EndsWith("met", FirstLoadScenario.Verdict("first screen", 2400, 2500));
        Assert.EndsWith("NOT met", FirstLoadScenario.Verdict("first screen", 2500, 2500));
        Assert.EndsWith("NOT met", FirstLoadScenario.Verdict("interactive", double.NaN, 6000));
    }

    [Fact]
    public void Firstload_is_found_by_name_but_not_run_by_all()
    {
        Assert.IsType<FirstLoadScenario>(ScenarioRegistry.Find("firstload"));
        Assert.DoesNotContain(ScenarioRegistry.All, s => s is FirstLoadScenario);
    }
}
