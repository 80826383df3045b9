using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Fx;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static LiveCommerce.IntegrationTests.Attribution.DayOfActivity;

namespace LiveCommerce.IntegrationTests.Attribution;

/// <summary>
/// The projector against real Redis: a crash mid-batch, a restart, a replay of the whole log and two
/// projectors at once all end with totals equal to the sum computed directly from the orders.
/// </summary>
public sealed class ProjectorExactlyOnceTests
{
    private sealed record Parts(IOrderLog Log, IEarningsStore Store, IShareLinkStore Links, ICatalogStore Catalog, IAudienceStore Audience);

    private static async Task<Parts> RedisPartsAsync()
    {
        var redis = await SharedRedis.ConnectionAsync();
        var keys = new RedisKeys(SharedRedis.UniquePrefix());
        return new Parts(new RedisOrderLog(redis, keys), new RedisEarningsStore(redis, keys), new RedisShareLinkStore(redis, keys), new RedisCatalogStore(redis, keys), new RedisAudienceStore(redis, keys));
    }

    private static EarningsProjector Projector(Parts p, int batch = 7) => new(p.Log, p.Store, p.Links, p.Catalog, p.Audience,
        Options.Create(new AttributionOptions { BatchSize = batch }), NullLogger<EarningsProjector>.Instance);

    private static async Task<DayOfActivity> SeedAsync(Parts p, int orders, int seed)
    {
        var day = Generate(orders, seed);
        foreach (var partnership in Partnerships())
        {
            await p.Catalog.UpsertPartnershipAsync(partnership);
        }

        foreach (var (buyer, touch) in day.Touches)
        {
            await p.Links.RecordTouchAsync(buyer, touch);
        }

        var i = 0;
        foreach (var order in day.Orders)
        {
            await p.Log.AppendAsync(order);
            if (i++ % 9 == 0)
            {
                await p.Log.AppendAsync(order); // a retried checkout logs the order again
            }
        }

        foreach (var id in day.Refunded)
        {
            var order = day.Orders.Single(o => o.Id == id);
            await p.Log.AppendReversalAsync(order, order.CreatedAt.AddHours(1));
            await p.Log.AppendReversalAsync(order, order.CreatedAt.AddHours(2)); // refunded twice by mistake: reversed once
        }

        return day;
    }

    private static async Task AssertTotalsAsync(Parts p, DayOfActivity day)
    {
        var reports = new ReportBuilder(p.Store, p.Audience, new ConfiguredFxRates(Options.Create(new FxOptions())));
        var query = new ReportQuery(Day, Day, "USD", 1, 500);
        foreach (var host in new[] { Mia, Leo })
        {
            var report = await reports.BuildAsync(ReportOf.Influencer, host, query, CancellationToken.None);
            Assert.Equal(day.ExpectedFor(host), Of(report.Total));
            Contracts.Estimate.Equal(day.BuyersOf(o => day.ExpectedInfluencer(o) == host), report.Total.Buyers);
            Assert.Equal(day.ExpectedFor(host, o => o.StreamId == "s-" + host),
                Of(report.Rows.SingleOrDefault(r => r.Dimension == "stream" && r.Key == "s-" + host)));
        }

        var brand = await reports.BuildAsync(ReportOf.Brand, Brand, query, CancellationToken.None);
        Assert.Equal(day.ExpectedBrand(), Of(brand.Total));
        foreach (var product in new[] { "p-lip", "p-eye", "p-set" })
        {
            var row = brand.Rows.Single(r => r.Dimension == "product" && r.Key == product);
            Assert.Equal(day.ExpectedBrand(o => o.Items[0].ProductId == product), Of(row));
            Contracts.Estimate.Equal(day.BuyersOf(o => o.Items[0].ProductId == product), row.Buyers);
        }

        Assert.Equal(day.ExpectedFor(Mia), Of(brand.Rows.Single(r => r.Dimension == "influencer" && r.Key == Mia)));
    }

    [Fact]
    public async Task Crash_restart_replay_and_two_projectors_count_every_order_exactly_once()
    {
        var p = await RedisPartsAsync();
        var day = await SeedAsync(p, 400, seed: 4242);
        Assert.Contains(day.Orders, o => day.ExpectedInfluencer(o) is null && o.BuyerId is Mia or Leo); // self-purchases are in the mix

        // Killed mid-way: cancelled while a batch is half applied, so the checkpoint lags what was counted.
        var first = Projector(p, batch: 50);
        using (var kill = new CancellationTokenSource())
        {
            var applied = 0;
            first.Applied += _ =>
            {
                if (++applied == 60)
                {
                    kill.Cancel(); // in the middle of the second batch
                }

                return Task.CompletedTask;
            };
            try
            {
                while (await first.ProjectBatchAsync(kill.Token) > 0)
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        var log = await p.Log.ReadAfterAsync(null, 100_000);
        Assert.Equal(log[49].Position, await p.Store.GetCheckpointAsync()); // counted past the checkpoint, then died

        // Restarted: a new projector continues from the checkpoint to the end.
        var restarted = Projector(p);
        while (await restarted.ProjectBatchAsync(CancellationToken.None) > 0)
        {
        }

        await AssertTotalsAsync(p, day);

        // The whole log replayed, by two projectors at once, while a third follows the checkpoint.
        var a = Projector(p, batch: 13);
        var b = Projector(p, batch: 29);
        await Task.WhenAll(Task.Run(() => a.ReplayAllAsync(CancellationToken.None)), Task.Run(() => b.ReplayAllAsync(CancellationToken.None)),
            Task.Run(() => restarted.ProjectBatchAsync(CancellationToken.None)));
        await AssertTotalsAsync(p, day);
    }

    [Fact]
    public async Task Two_projectors_following_a_growing_log_count_every_order_once()
    {
        var p = await RedisPartsAsync();
        var day = Generate(300, seed: 77);
        foreach (var partnership in Partnerships())
        {
            await p.Catalog.UpsertPartnershipAsync(partnership);
        }

        foreach (var (buyer, touch) in day.Touches)
        {
            await p.Links.RecordTouchAsync(buyer, touch);
        }

        using var stop = new CancellationTokenSource();
        var nodes = new[] { Projector(p, 5), Projector(p, 11) };
        var running = nodes.Select(n => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (await n.ProjectBatchAsync(CancellationToken.None) == 0)
                {
                    await Task.Delay(5);
                }
            }
        })).ToList();

        // Orders arrive from several writers while both project.
        await Task.WhenAll(day.Orders.Chunk(30).Select(chunk => Task.Run(async () =>
        {
            foreach (var order in chunk)
            {
                await p.Log.AppendAsync(order);
            }
        })));
        foreach (var id in day.Refunded)
        {
            await p.Log.AppendReversalAsync(day.Orders.Single(o => o.Id == id), DateTimeOffset.UtcNow);
        }

        // Done when the checkpoint has reached the end of the log.
        var last = (await p.Log.ReadAfterAsync(null, 100_000)).Last().Position;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await p.Store.GetCheckpointAsync() != last && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await Task.WhenAll(running);
        foreach (var n in nodes)
        {
            while (await n.ProjectBatchAsync(CancellationToken.None) > 0)
            {
            }
        }

        await AssertTotalsAsync(p, day);
    }

    [Fact]
    public async Task The_in_process_adapters_give_the_same_totals()
    {
        var p = new Parts(new LocalOrderLog(TimeProvider.System), new LocalEarningsStore(), new LocalShareLinkStore(), new LocalCatalogStore(), new LocalAudienceStore());
        var day = await SeedAsync(p, 200, seed: 99);
        await Task.WhenAll(Projector(p).ReplayAllAsync(CancellationToken.None), Projector(p, 3).ReplayAllAsync(CancellationToken.None));
        await AssertTotalsAsync(p, day);
    }
}
