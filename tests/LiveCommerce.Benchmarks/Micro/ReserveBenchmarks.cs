using BenchmarkDotNet.Attributes;
using LiveCommerce.Benchmarks.Harness;
using LiveCommerce.Benchmarks.Scenarios;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using Mediator;

namespace LiveCommerce.Benchmarks.Micro;

/// <summary>
/// The hottest call of a flash sale: a Buy tap on a sale this node knows is sold out (9 in 10 calls of
/// a 5,000-buyer rush for 500 units). Through the mediator, as the hub sends it (validation, logging
/// and duration metric), against the handler alone. In-process node, no sockets.
/// </summary>
[MemoryDiagnoser]
public class ReserveBenchmarks
{
    private static readonly Actor Buyer = new("bench-buyer", "Bench Buyer", Roles.Viewer);
    private LiveCluster _cluster = null!;
    private ISender _sender = null!;
    private ReserveHandler _handler = null!;
    private string _saleId = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        // Its longest: a lapse sends one call to the inventory, which sells out again and refreshes it.
        _cluster = await LiveCluster.StartAsync(BenchOptions.Parse(["flashsale", "--quick"]), new Dictionary<string, string?>
        {
            [$"{FlashSaleOptions.Section}:{nameof(FlashSaleOptions.SoldOutCacheTtl)}"] = "00:00:10",
        });
        _sender = _cluster.Nodes[0].Get<ISender>();
        _handler = _cluster.Nodes[0].Get<ReserveHandler>();
        _saleId = await FlashSaleScenario.CreateSaleAsync(_cluster, 1, CancellationToken.None);
        // The one unit goes to someone else; from then on this node answers from its memory.
        await _sender.Send(new Reserve(Buyer with { UserId = "first-buyer" }, _saleId, 1, "k-first", null));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _cluster.DisposeAsync();

    [Benchmark(Baseline = true)]
    public ValueTask<ReserveResult> Handler_Reserve_SoldOut() => _handler.Handle(new Reserve(Buyer, _saleId, 1, "k-1", null), CancellationToken.None);

    [Benchmark]
    public ValueTask<ReserveResult> Mediator_Reserve_SoldOut() => _sender.Send(new Reserve(Buyer, _saleId, 1, "k-1", null));
}
