using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.FlashSales;

/// <summary>A crowd racing for a sale on two nodes: never oversold, every order accounted for.</summary>
[Collection(HeavyTests.Name)]
public sealed class FlashSaleCrowdTests(FlashCluster cluster) : IClassFixture<FlashCluster>
{
    private TestNode[] Nodes => [cluster.A, cluster.B];

    private async Task<IReadOnlyList<OrderDto>> LoggedOrdersAsync(string saleId) =>
        (await cluster.A.Get<IOrderLog>().ReadDayAsync(DateOnly.FromDateTime(DateTime.UtcNow))).Where(o => o.SaleId == saleId).ToList();

    [Fact]
    public async Task Five_hundred_buyers_on_two_nodes_get_exactly_one_hundred_units_and_the_orders_match()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.B, FlashApi.Request(stream.Id, quantity: 100));
        var crowd = await FlashApi.CrowdAsync(Nodes, 500, stream.Id);
        try
        {
            var race = System.Diagnostics.Stopwatch.StartNew();
            var outcomes = await Task.WhenAll(crowd.Select((buyer, i) => Task.Run(async () =>
            {
                var key = $"r{i}";
                var reserved = await buyer.Viewer.Hub.Reserve(stream.Id, sale.Id, 1, key);
                var checkout = reserved.Outcome == ReserveOutcome.Held ? await buyer.Viewer.Hub.PayAsync(reserved.HoldId!, "c" + key) : null;
                return (reserved, checkout, buyer.Token);
            })));

            var held = outcomes.Where(o => o.reserved.Outcome == ReserveOutcome.Held).ToList();
            Assert.Equal(100, held.Count);
            Assert.Equal(400, outcomes.Count(o => o.reserved.Outcome == ReserveOutcome.SoldOut));
            Assert.Equal(100, held.Select(o => o.reserved.HoldId).Distinct().Count());
            Assert.All(held, o => Assert.Equal(CheckoutOutcome.Confirmed, o.checkout!.Outcome));

            var after = await FlashApi.GetAsync(cluster.B, sale.Id);
            Assert.Equal((100, 0, 0), (after.Sold, after.Held, after.Remaining));
            var logged = await LoggedOrdersAsync(sale.Id);
            Assert.Equal(100, logged.Sum(o => o.Items.Sum(i => i.Quantity)));
            Assert.Equal(100 * 12.50m, logged.Sum(o => o.Total));
            Assert.All(logged, o => Assert.Equal(new AttributionRef(stream.Id, stream.HostId), o.Attribution));

            // Each winner sees exactly their own order.
            foreach (var winner in held.Take(10))
            {
                var mine = Assert.Single(await FlashApi.MyOrdersAsync(cluster.A, winner.Token));
                Assert.Equal(winner.checkout!.Order!.Id, mine.Id);
            }

            Assert.Empty(await FlashApi.MyOrdersAsync(cluster.B, outcomes.First(o => o.checkout is null).Token));

            // Every viewer, on either node, hears sold-out and the purchases.
            var watcher = crowd[1].Viewer;
            await watcher.WaitUntilAsync(v => v.States<StockChanged>().Any(s => s.SaleId == sale.Id && s.SoldOut), TimeSpan.FromSeconds(10), "sold-out push");
            await Task.Delay(300); // a coalesced push still due would land now
            var pushes = watcher.States<StockChanged>().Count(s => s.SaleId == sale.Id && !s.SoldOut);
            var allowed = (int)Math.Ceiling(race.Elapsed / TimeSpan.FromMilliseconds(250)) + 1;
            Assert.True(pushes <= allowed, $"{pushes} stock pushes in {race.Elapsed.TotalMilliseconds:F0} ms: more than 4/s across both nodes");

            // Every purchase is in the comments; the "just bought" moments are coalesced (at most 3 a
            // second per node for the sale) yet count all 100 orders and units, as the studio shows them.
            int PurchaseComments(LiveViewer v) =>
                v.Events(stream.Id).OfType<CommentsAdded>().Sum(e => e.Comments.Count(c => c.Kind == CommentKind.Purchase));
            List<PurchaseMade> Moments(LiveViewer v) => v.Events(stream.Id).OfType<PurchaseMade>().ToList();
            await watcher.WaitUntilAsync(v => PurchaseComments(v) == 100, TimeSpan.FromSeconds(15), "100 purchase comments");
            await watcher.WaitUntilAsync(v => Moments(v).Sum(m => 1 + m.CoalescedOrders) == 100, TimeSpan.FromSeconds(15), "moments counting 100 orders");
            var moments = Moments(watcher);
            Assert.Equal(100, moments.Sum(m => m.Quantity + m.CoalescedUnits));
            var windows = (int)Math.Ceiling(race.Elapsed.TotalSeconds) + 1;
            Assert.True(moments.Count <= 3 * Nodes.Length * windows, $"{moments.Count} moments in {race.Elapsed.TotalSeconds:F1} s: not coalesced");
            Assert.Equal(("Glow lip gloss", 1, "Viewer"), (moments[0].ProductTitle, moments[0].Quantity, moments[0].BuyerName)); // the test viewers' name
        }
        finally
        {
            await FlashApi.DisposeAllAsync(crowd);
        }
    }

    [Fact]
    public async Task With_a_limit_of_two_and_retried_keys_no_buyer_gets_more_and_no_unit_is_sold_twice()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 100, limit: 2));
        var crowd = await FlashApi.CrowdAsync(Nodes, 500, null);
        try
        {
            var results = await Task.WhenAll(crowd.Select((buyer, i) => Task.Run(async () =>
            {
                // The same tap sent twice at once, then once more later, then a second tap for one more unit.
                var first = await Task.WhenAll(buyer.Viewer.Hub.Reserve(null, sale.Id, 2, $"k{i}"), buyer.Viewer.Hub.Reserve(null, sale.Id, 2, $"k{i}"));
                var again = await buyer.Viewer.Hub.Reserve(null, sale.Id, 2, $"k{i}");
                var more = await buyer.Viewer.Hub.Reserve(null, sale.Id, 1, $"more{i}");
                CheckoutResult[] checkouts = [];
                if (first[0].Outcome == ReserveOutcome.Held)
                {
                    checkouts = await Task.WhenAll(buyer.Viewer.Hub.PayAsync(first[0].HoldId!, $"c{i}"), buyer.Viewer.Hub.PayAsync(first[0].HoldId!, $"c{i}"));
                }

                return (first, again, more, checkouts);
            })));

            foreach (var r in results)
            {
                Assert.Equal(r.first[0].HoldId, r.first[1].HoldId);
                Assert.Equal(r.first[0].Outcome, r.first[1].Outcome);
                if (r.first[0].Outcome == ReserveOutcome.Held)
                {
                    Assert.Equal(r.first[0].HoldId, r.again.HoldId);
                    // Over the limit; once sold out a node may answer SoldOut from memory first. Never a third unit.
                    Assert.Contains(r.more.Outcome, new[] { ReserveOutcome.LimitReached, ReserveOutcome.SoldOut });
                    Assert.All(r.checkouts, c => Assert.Equal(CheckoutOutcome.Confirmed, c.Outcome));
                    Assert.Equal(r.checkouts[0].Order!.Id, r.checkouts[1].Order!.Id);
                }
                else
                {
                    Assert.NotEqual(ReserveOutcome.Held, r.more.Outcome);
                }
            }

            Assert.Equal(50, results.Count(r => r.first[0].Outcome == ReserveOutcome.Held));
            var after = await FlashApi.GetAsync(cluster.B, sale.Id);
            Assert.Equal((100, 0, 0), (after.Sold, after.Held, after.Remaining));
            var logged = (await LoggedOrdersAsync(sale.Id)).DistinctBy(o => o.Id).ToList();
            Assert.Equal(100, logged.Sum(o => o.Items.Sum(i => i.Quantity)));
            Assert.All(logged.GroupBy(o => o.BuyerId), g => Assert.True(g.Sum(o => o.Items.Sum(i => i.Quantity)) <= 2));
        }
        finally
        {
            await FlashApi.DisposeAllAsync(crowd);
        }
    }

    [Fact]
    public async Task Expired_holds_return_their_units_exactly_once_with_both_nodes_sweeping()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 40, holdSeconds: 1));
        var sweptBefore = cluster.A.Get<HoldSweeper>().UnitsReturned + cluster.B.Get<HoldSweeper>().UnitsReturned;
        var crowd = await FlashApi.CrowdAsync(Nodes, 40, stream.Id);
        try
        {
            var holds = await Task.WhenAll(crowd.Select((b, i) => b.Viewer.Hub.Reserve(stream.Id, sale.Id, 1, $"k{i}")));
            Assert.All(holds, h => Assert.Equal(ReserveOutcome.Held, h.Outcome));
            await crowd[0].Viewer.WaitUntilAsync(
                v => v.States<StockChanged>().LastOrDefault(s => s.SaleId == sale.Id) is { Remaining: 40 }, TimeSpan.FromSeconds(10), "stock back to 40");

            var after = await FlashApi.GetAsync(cluster.B, sale.Id);
            Assert.Equal((40, 0, 0), (after.Remaining, after.Held, after.Sold));
            var swept = cluster.A.Get<HoldSweeper>().UnitsReturned + cluster.B.Get<HoldSweeper>().UnitsReturned - sweptBefore;
            Assert.Equal(40, swept);
            Assert.Equal(CheckoutOutcome.HoldExpired, (await crowd[0].Viewer.Hub.PayAsync(holds[0].HoldId!, "c")).Outcome);
            Assert.Equal(ReserveOutcome.Held, (await crowd[1].Viewer.Hub.Reserve(stream.Id, sale.Id, 1, "again")).Outcome);
        }
        finally
        {
            await FlashApi.DisposeAllAsync(crowd);
        }
    }
}
