namespace LiveCommerce.Benchmarks.Harness;

/// <summary>The figures of one system (ours or a baseline) in one scenario run, in print order.</summary>
public sealed class RunFigures(string system)
{
    public string System { get; } = system;

    public OrderedDictionary<string, double> Figures { get; } = new(StringComparer.Ordinal);

    public double this[string name]
    {
        get => Figures[name];
        set => Figures[name] = value;
    }
}

/// <summary>What a scenario reports: one row per system, ratios ours/baseline, and invariants that must hold.</summary>
public sealed class ScenarioResult(string scenario, BenchOptions options)
{
    public string Scenario { get; } = scenario;

    public BenchOptions Options { get; } = options;

    public List<RunFigures> Runs { get; } = [];

    /// <summary>Ours divided by the baseline, named after what is compared.</summary>
    public OrderedDictionary<string, double> Ratios { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts that must be 0 (missed, duplicated...) for our system.</summary>
    public OrderedDictionary<string, long> Invariants { get; } = new(StringComparer.Ordinal);

    public List<string> Notes { get; } = [];

    /// <summary>The table's first line when the scenario's shape is not the fan-out one.</summary>
    public string? Headline { get; set; }

    public bool InvariantsHold => Invariants.Values.All(v => v == 0);

    public RunFigures Run(string system) => Runs.Single(r => r.System == system);
}
