using BenchmarkDotNet.Attributes;
using LiveCommerce.Benchmarks.Scenarios;
using LiveCommerce.Contracts;
using LiveCommerce.Contracts.Sequencing;

namespace LiveCommerce.Benchmarks.Micro;

/// <summary>
/// Every client offers every event to its <see cref="SeqGate"/>: in order (the common case),
/// every event twice (catch-up overlapping live), and pairwise swapped (two nodes racing).
/// One operation = 1,000 events.
/// </summary>
[MemoryDiagnoser]
public class SeqGateBenchmarks
{
    private const int Events = 1000;
    private LiveEvent[] _inOrder = [];
    private LiveEvent[] _twice = [];
    private LiveEvent[] _swapped = [];

    [GlobalSetup]
    public void Setup()
    {
        var template = FanoutScenario.SamplePayload();
        _inOrder = Enumerable.Range(1, Events).Select(i => (LiveEvent)(template with { Seq = i })).ToArray();
        _twice = _inOrder.SelectMany(e => new[] { e, e }).ToArray();
        _swapped = _inOrder.Chunk(2).SelectMany(pair => pair.Reverse()).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long Offer_InOrder() => Run(_inOrder);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Offer_EachTwice() => Run(_twice);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Offer_PairsSwapped() => Run(_swapped);

    private static long Run(LiveEvent[] events)
    {
        var gate = new SeqGate();
        var now = DateTimeOffset.UtcNow;
        long applied = 0;
        foreach (var e in events)
        {
            applied += gate.Offer(e, now).Count;
        }

        return applied;
    }
}
