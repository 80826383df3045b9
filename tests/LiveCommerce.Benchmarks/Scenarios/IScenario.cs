using LiveCommerce.Benchmarks.Harness;

namespace LiveCommerce.Benchmarks.Scenarios;

/// <summary>
/// One load scenario: runs our system and its baseline in the same process run, bounded in
/// count and time, and returns the figures. Add one by writing a class and listing it in
/// <see cref="ScenarioRegistry"/>.
/// </summary>
public interface IScenario
{
    string Name { get; }

    string Description { get; }

    Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct);
}

public static class ScenarioRegistry
{
    public static readonly IReadOnlyList<IScenario> All =
    [
        new FanoutScenario(),
        new ReconnectScenario(),
        new CommentsScenario(),
        new FlashSaleScenario(),
        new SigninScenario(),
        new VideoScenario(),
    ];

    /// <summary>Scenarios that measure a server started separately (<c>--url</c>): not part of <c>all</c>.</summary>
    public static readonly IReadOnlyList<IScenario> External =
    [
        new FirstLoadScenario(),
    ];

    public static IScenario? Find(string name) => All.Concat(External).FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
