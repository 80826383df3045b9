using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Attribution;
using LiveCommerce.Server.Features.Fulfilment;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure.Postgres;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveCommerce.IntegrationTests.Fulfilment;

/// <summary>
/// The books projector against real PostgreSQL and a real Redis order log (issue 27): projectors that die
/// between the steps of a batch — just before a save commits, or just after it committed and before they
/// heard so (the books written, the checkpoint not advanced) — then a restarted projector and a second
/// one at once, and a replay of the whole log: every order is in the books once, paid once, refunded once.
/// </summary>
public sealed class OrderBooksCrashTests(FulfilmentCluster cluster) : IClassFixture<FulfilmentCluster>
{
    private const int Batch = 16;

    [Fact]
    public async Task Every_order_is_counted_once_through_crashes_mid_batch_a_restart_and_two_projectors_at_once()
    {
        // A log of its own (the nodes' projectors follow theirs), retried checkouts and refunds logged twice.
        var log = new RedisOrderLog(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()));
        var day = DayOfActivity.Generate(240, seed: 2727, brand: "u-brand-crash", salePrefix: "fs-crash");
        var n = 0;
        foreach (var order in day.Orders)
        {
            await log.AppendAsync(order);
            if (n++ % 7 == 0)
            {
                await log.AppendAsync(order);
            }
        }

        foreach (var order in day.Orders.Where(o => day.Refunded.Contains(o.Id)))
        {
            await log.AppendReversalAsync(order, order.CreatedAt.AddHours(1));
            await log.AppendReversalAsync(order, order.CreatedAt.AddHours(2));
        }

        var entries = await log.ReadAfterAsync(null, 100_000);
        Assert.NotEmpty(day.Refunded);

        // Projector after projector dies after a few saves, alternately before and after its save commits.
        var random = new Random(27);
        var (crashes, aheadOfCheckpoint) = (0, 0);
        await using var dying = new DyingBooks(cluster.Database);
        for (var round = 0; round < 400 && await CheckpointAsync() != entries[^1].Position; round++)
        {
            dying.DieAt(saves: random.Next(1, 2 * Batch), afterCommit: round % 2 == 0);
            try
            {
                var projector = Projector(cluster.A, log, dying.Scopes, Batch);
                while (await projector.ProjectBatchAsync(CancellationToken.None) > 0)
                {
                }
            }
            catch (SimulatedCrash)
            {
                crashes++;
            }

            // The books may hold more than the checkpoint says was read (and never less).
            var checkpoint = await CheckpointAsync();
            var upTo = checkpoint is null ? -1 : entries.Select(e => e.Position).ToList().IndexOf(checkpoint);
            var read = entries.Take(upTo + 1).Select(e => e.Order.Id).Distinct().Count();
            var booked = await BookedCountAsync();
            Assert.True(booked >= read, $"{read} orders read but {booked} booked");
            aheadOfCheckpoint = Math.Max(aheadOfCheckpoint, booked - read);
        }

        Assert.True(crashes >= 10, $"only {crashes} crashes");
        Assert.True(aheadOfCheckpoint > 0, "no crash left orders in the books past the checkpoint");

        // Restarted on one node while a second projector runs on the other, and a third replays the whole log.
        var restarted = Projector(cluster.A, log, cluster.A.Get<IServiceScopeFactory>(), Batch);
        var second = Projector(cluster.B, log, cluster.B.Get<IServiceScopeFactory>(), 7);
        var replaying = Projector(cluster.B, log, cluster.B.Get<IServiceScopeFactory>(), 29);
        await Task.WhenAll(
            Task.Run(() => DrainAsync(restarted)), Task.Run(() => DrainAsync(second)), Task.Run(() => replaying.ReplayAllAsync(CancellationToken.None)));

        // Each order: one row, placed and paid once; each refund once; the rest still paid.
        var ids = day.Orders.Select(o => o.Id).ToHashSet();
        var rows = await cluster.BooksAsync(db => db.Orders.AsNoTracking().Where(o => o.BrandId == "u-brand-crash").ToListAsync());
        Assert.Equal(ids.Order(), rows.Select(r => r.Id).Order());
        var history = await cluster.BooksAsync(db => db.OrderHistory.AsNoTracking().Where(h => h.OrderId.StartsWith("fs-crash")).ToListAsync());
        var byOrder = history.ToLookup(h => h.OrderId);
        Assert.All(ids, id =>
        {
            var life = byOrder[id].OrderBy(h => h.Id).Select(h => h.To).ToList();
            Assert.Equal(
                day.Refunded.Contains(id) ? [OrderStatuses.Placed, OrderStatuses.Paid, OrderStatuses.Refunded] : [OrderStatuses.Placed, OrderStatuses.Paid],
                life);
        });
        Assert.All(rows, r => Assert.Equal(day.Refunded.Contains(r.Id) ? OrderStatuses.Refunded : OrderStatuses.Paid, r.Status));

        // One open shipment per buyer and stream, holding exactly its paid orders; refunded ones left theirs.
        Assert.All(rows.Where(r => r.Status == OrderStatuses.Refunded), r => Assert.Null(r.ShipmentId));
        var shipments = await cluster.BooksAsync(db => db.Shipments.AsNoTracking().Where(s => s.BrandId == "u-brand-crash").ToListAsync());
        var open = shipments.Where(s => s.Stage == ShipmentStages.Open).ToList();
        Assert.Equal(open.Count, open.Select(s => s.OpenKey).Distinct().Count());
        foreach (var group in rows.Where(r => r.Status == OrderStatuses.Paid).GroupBy(r => (r.BuyerId, r.StreamId ?? r.Id)))
        {
            var shipment = Assert.Single(group.Select(r => r.ShipmentId).Distinct());
            Assert.Contains(open, s => s.Id == shipment);
        }

        Assert.All(open, s => Assert.Contains(rows, r => r.ShipmentId == s.Id));
        Assert.Equal(entries[^1].Position, await CheckpointAsync());
    }

    private static OrderBooksProjector Projector(TestNode node, IOrderLog log, IServiceScopeFactory books, int batch) =>
        ActivatorUtilities.CreateInstance<OrderBooksProjector>(node.Services, log, books, Options.Create(new FulfilmentOptions { BatchSize = batch }));

    private static async Task DrainAsync(OrderBooksProjector projector)
    {
        while (await projector.ProjectBatchAsync(CancellationToken.None) > 0)
        {
        }
    }

    /// <summary>This log's checkpoint (the only one that starts with one of its orders).</summary>
    private Task<string?> CheckpointAsync() =>
        cluster.BooksAsync(db => db.Checkpoints.AsNoTracking().Where(c => c.Name.Contains("|fs-crash")).Select(c => c.Position).FirstOrDefaultAsync());

    private Task<int> BookedCountAsync() => cluster.BooksAsync(db => db.Orders.CountAsync(o => o.BrandId == "u-brand-crash"));

    private sealed class SimulatedCrash : Exception
    {
        public SimulatedCrash()
            : base("the projector's process died here")
        {
        }
    }

    /// <summary>
    /// The books for a projector that dies at its n-th save: before the commit (nothing written), or after it
    /// (written, but the projector never learns so). Once dead, every later save dies too. One instance, re-armed
    /// for each projector: EF keeps its internal services per options, so the interceptor is not made anew.
    /// </summary>
    private sealed class DyingBooks : SaveChangesInterceptor, IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private int _saves;
        private bool _afterCommit;
        private int _count;

        public DyingBooks(string connectionString) =>
            _services = new ServiceCollection()
                .AddDbContext<OrderBooksDbContext, PostgresOrderBooksDbContext>(o =>
                {
                    PostgresOrderBooksDbContext.Configure(o, connectionString);
                    o.AddInterceptors(this);
                })
                .BuildServiceProvider();

        public IServiceScopeFactory Scopes => _services.GetRequiredService<IServiceScopeFactory>();

        public void DieAt(int saves, bool afterCommit) => (_saves, _afterCommit, _count) = (saves, afterCommit, 0);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            !_afterCommit && Interlocked.Increment(ref _count) >= _saves ? throw new SimulatedCrash() : ValueTask.FromResult(result);

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
            _afterCommit && Interlocked.Increment(ref _count) >= _saves ? throw new SimulatedCrash() : ValueTask.FromResult(result);

        public ValueTask DisposeAsync() => _services.DisposeAsync();
    }
}
