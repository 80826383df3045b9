using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LiveCommerce.Benchmarks.Harness;
using LiveCommerce.Benchmarks.Scenarios;

// dotnet run -c Release --project tests/LiveCommerce.Benchmarks -- <scenario|all|micro> [options]
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: <scenario|all|micro> [--viewers N] [--nodes 1|2] [--seconds S] [--rate R] [--units U] [--redis] [--json|--msgpack] [--no-baseline] [--quick]");
    Console.WriteLine("       firstload --url URL [--runs N] [--down KBPS] [--up KBPS] [--rtt MS] [--cpu X] [--buy CSS] [--timeout S] [-v]");
    foreach (var s in ScenarioRegistry.All.Concat(ScenarioRegistry.External))
    {
        Console.WriteLine($"  {s.Name,-10} {s.Description}");
    }

    Console.WriteLine("  micro      BenchmarkDotNet micro-benchmarks (further arguments go to BenchmarkDotNet; --quick = short job)");
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.Scenario == "micro")
{
    // In-process: a separate benchmark build would rebuild the server and its WebAssembly client.
    var job = (options.Quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
    var config = DefaultConfig.Instance.AddJob(job.AsDefault());

    var rest = options.Rest.Count == 0 ? ["--filter", "*"] : options.Rest.ToArray();
    BenchmarkSwitcher.FromAssembly(typeof(IScenario).Assembly).Run(rest, config);
    return 0;
}

var scenarios = options.Scenario == "all" ? ScenarioRegistry.All : ScenarioRegistry.Find(options.Scenario) is { } one ? [one] : [];
if (scenarios.Count == 0)
{
    Console.Error.WriteLine($"Unknown scenario '{options.Scenario}'. Known: {string.Join(", ", ScenarioRegistry.All.Concat(ScenarioRegistry.External).Select(s => s.Name))}, all, micro.");
    return 2;
}

// firstload drives a browser against a server started separately: its own arguments, its own bound.
TimeSpan? external = null;
if (scenarios is [FirstLoadScenario])
{
    try
    {
        external = FirstLoadSettings.Parse(options.Rest).Bound;
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
}

// Bounded in time whatever happens: the run's own length plus generous setup and drain.
using var cts = new CancellationTokenSource(external ?? TimeSpan.FromSeconds(300 + (options.Seconds * 6) + (options.Viewers / 10)));
// The runtime settings a node ships with (infra/Dockerfile) come from the environment: this project's
// launch profile sets them for `dotnet run`; --no-launch-profile measures without them.
var runtime = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("DOTNET_SYSTEM_", StringComparison.Ordinal) || k.StartsWith("DOTNET_GC", StringComparison.Ordinal) || k.StartsWith("DOTNET_ThreadPool_", StringComparison.Ordinal))
    .Order(StringComparer.Ordinal).Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}").ToArray();
Console.WriteLine($"runtime: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; {(runtime.Length == 0 ? "no runtime settings from the environment" : string.Join(" ", runtime))}");
var ok = true;
foreach (var scenario in scenarios)
{
    var result = await scenario.RunAsync(options with { Scenario = scenario.Name }, cts.Token);
    Console.WriteLine(Report.Table(result));
    Console.WriteLine(Report.JsonLine(result));
    ok &= result.InvariantsHold;
}

return ok ? 0 : 1;
