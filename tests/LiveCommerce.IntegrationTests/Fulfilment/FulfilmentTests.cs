using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Fulfilment;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Payments;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LiveCommerce.IntegrationTests.Fulfilment.FulfilmentCluster;

namespace LiveCommerce.IntegrationTests.Fulfilment;

/// <summary>Orders with a life (issue 27), over real HTTP and SignalR, with the books in PostgreSQL.</summary>
public sealed class FulfilmentTests(FulfilmentCluster cluster) : IClassFixture<FulfilmentCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Every_order_reaches_the_books_once_through_replays_duplicates_and_projectors_racing_on_two_nodes()
    {
        await using var purchase = await cluster.BuyAsync(1, 2, 3);
        foreach (var order in purchase.Orders)
        {
            await cluster.WaitBookedAsync(order.Id);
        }

        // The log carries every order twice more, and one refund twice (at-least-once appends).
        var log = cluster.A.Get<IOrderLog>();
        foreach (var order in purchase.Orders)
        {
            await log.AppendAsync(order);
            await log.AppendAsync(order);
        }

        using (var glow = await cluster.ClientAsync(cluster.B, "glow"))
        {
            (await glow.PostAsync($"/api/orders/{purchase.Orders[2].Id}/refund", null)).EnsureSuccessStatusCode();
        }

        await log.AppendReversalAsync(purchase.Orders[2], DateTimeOffset.UtcNow);

        // Two nodes' projectors run on their own; two more instances on each node replay the whole log at once.
        var extra = new[] { cluster.A, cluster.A, cluster.B, cluster.B }
            .Select(n => ActivatorUtilities.CreateInstance<OrderBooksProjector>(n.Services)).ToList();
        using var gate = new ManualResetEventSlim();
        await Task.WhenAll(extra.Select(p => Task.Run(async () =>
        {
            gate.Wait();
            await p.ReplayAllAsync(CancellationToken.None);
            await p.ProjectBatchAsync(CancellationToken.None);
        })).Append(Task.Run(gate.Set)));

        await cluster.WaitBookedAsync(purchase.Orders[2].Id, OrderStatuses.Refunded);
        var ids = purchase.Orders.Select(o => o.Id).ToList();
        var rows = await cluster.BooksAsync(db => db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync());
        Assert.Equal(ids.Order(), rows.Select(r => r.Id).Order());
        var history = await cluster.BooksAsync(db => db.OrderHistory.AsNoTracking().Where(h => ids.Contains(h.OrderId)).ToListAsync());
        Assert.All(ids, id => Assert.Single(history, h => h.OrderId == id && h.To == OrderStatuses.Paid));
        Assert.Single(history, h => h.OrderId == ids[2] && h.To == OrderStatuses.Refunded);
        Assert.Equal([OrderStatuses.Paid, OrderStatuses.Paid, OrderStatuses.Refunded], ids.Select(id => rows.Single(r => r.Id == id).Status));

        // The refunded order left the shipment; the other two of the buyer's stream travel together.
        var shipments = rows.Where(r => r.Status == OrderStatuses.Paid).Select(r => r.ShipmentId).Distinct().ToList();
        Assert.Single(shipments);
        Assert.Null(rows.Single(r => r.Id == ids[2]).ShipmentId);
    }

    [Fact]
    public async Task The_brand_packs_and_ships_the_buyer_sees_it_live_returns_it_and_is_refunded_once_with_the_stock_back()
    {
        await using var purchase = await cluster.BuyAsync(1, 2);
        var (first, second) = (purchase.Orders[0], purchase.Orders[1]);
        using var glow = await cluster.ClientAsync(cluster.B, "glow");
        using var kite = await cluster.ClientAsync(cluster.A, "kite");
        using var buyer = cluster.B.Authorized(purchase.Token);

        // Two orders by one buyer from one brand in one stream: one shipment to pack, one packing list.
        var shipment = await ShipmentOfAsync(glow, FulfilmentStages.ToPack, first.Id);
        shipment = await Eventually.WaitForAsync(async () => await ShipmentOfAsync(glow, FulfilmentStages.ToPack, first.Id),
            s => s.Orders.Count == 2, "both orders in one shipment", Patience);
        Assert.Contains(shipment.Orders, o => o.Id == second.Id);
        var packing = await LiveApi.ReadAsync<PackingListDto>(await glow.GetAsync($"/api/fulfilment/shipments/{shipment.Id}/packing-list"));
        Assert.Equal(3, packing.Units);
        Assert.Equal((purchase.Product.Id, BuyNowApi.Medium, 3), (packing.Lines.Single().ProductId, packing.Lines.Single().VariantId, packing.Lines.Single().Quantity));

        // Refusals change nothing: another brand, a step skipped, a buyer trying the brand's job.
        using (var other = await kite.PostAsync($"/api/fulfilment/shipments/{shipment.Id}/pack", null))
        {
            Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.NotOwner), (other.StatusCode, await CodeAsync(other)));
        }

        using (var skipped = await ShipAsync(glow, shipment.Id))
        {
            Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.InvalidOrderTransition), (skipped.StatusCode, await CodeAsync(skipped)));
        }

        using (var notBrand = await buyer.PostAsync($"/api/fulfilment/shipments/{shipment.Id}/pack", null))
        {
            Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), (notBrand.StatusCode, await CodeAsync(notBrand)));
        }

        Assert.Equal(OrderStatuses.Paid, (await cluster.BookedAsync(first.Id))!.Status);

        (await glow.PostAsync($"/api/fulfilment/shipments/{shipment.Id}/pack", null)).EnsureSuccessStatusCode();
        using (var badTracking = await ShipAsync(glow, shipment.Id, tracking: "<script>"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badTracking.StatusCode);
        }

        var shipped = await LiveApi.ReadAsync<ShipmentDto>(await ShipAsync(glow, shipment.Id, "DHL", "JD0146000012345"));
        Assert.Equal(("shipped", "DHL", "JD0146000012345"), (shipped.Stage, shipped.Carrier, shipped.TrackingNumber));

        // The buyer's connection (on the other node) heard every step, tracking included, without asking.
        await purchase.Buyer.WaitUntilAsync(v => v.States<OrderStatusChanged>().Any(c => c.OrderId == first.Id && c.Status == OrderStatuses.Shipped),
            Patience, "the shipped push");
        var push = purchase.Buyer.States<OrderStatusChanged>().Last(c => c.OrderId == first.Id);
        Assert.Equal((OrderStatuses.Packed, "JD0146000012345"), (push.From, push.TrackingNumber));
        Assert.Contains(purchase.Buyer.States<OrderStatusChanged>(), c => c.OrderId == second.Id && c.Status == OrderStatuses.Packed);

        // "My orders" keeps its shape and gains the status and tracking.
        var mine = await LiveApi.ReadAsync<List<OrderDto>>(await buyer.GetAsync("/api/orders/mine"));
        var listed = mine.Single(o => o.Id == first.Id);
        Assert.Equal((OrderStatuses.Shipped, "DHL", "JD0146000012345", first.Total), (listed.Status, listed.Carrier, listed.TrackingNumber, listed.Total));

        // No return before delivery; then delivered, and the window is open.
        using (var early = await buyer.PostAsJsonAsync($"/api/orders/{first.Id}/return", new ReturnRequest("Too small"), LiveApi.Json))
        {
            Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.InvalidOrderTransition), (early.StatusCode, await CodeAsync(early)));
        }

        (await glow.PostAsync($"/api/fulfilment/shipments/{shipment.Id}/deliver", null)).EnsureSuccessStatusCode();
        var delivered = await cluster.BookedAsync(first.Id);
        Assert.Equal(OrderStatuses.Delivered, delivered!.Status);
        Assert.Equal(14, Math.Round((delivered.ReturnBy!.Value - delivered.DeliveredAt!.Value).TotalDays));

        // Another buyer's order does not exist for them; a reason is required.
        using (var stranger = cluster.A.Authorized(await cluster.A.ViewerTokenAsync()))
        using (var theirs = await stranger.PostAsJsonAsync($"/api/orders/{first.Id}/return", new ReturnRequest("Not mine"), LiveApi.Json))
        {
            Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.OrderNotFound), (theirs.StatusCode, await CodeAsync(theirs)));
        }

        using (var noReason = await buyer.PostAsJsonAsync($"/api/orders/{first.Id}/return", new ReturnRequest(" "), LiveApi.Json))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        var ret = await LiveApi.ReadAsync<ReturnDto>(await buyer.PostAsJsonAsync($"/api/orders/{first.Id}/return", new ReturnRequest("Too small"), LiveApi.Json));
        Assert.Equal(("requested", "Too small"), (ret.Status, ret.Reason));
        using (var again = await buyer.PostAsJsonAsync($"/api/orders/{first.Id}/return", new ReturnRequest("Again"), LiveApi.Json))
        {
            Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.InvalidOrderTransition), (again.StatusCode, await CodeAsync(again)));
        }

        var returns = await QueueAsync(glow, FulfilmentStages.Returns);
        Assert.Contains(returns.Returns, r => r.Id == ret.Id && r.Reason == "Too small");
        using (var otherBrand = await kite.PostAsync($"/api/returns/{ret.Id}/approve", null))
        {
            Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.NotOwner), (otherBrand.StatusCode, await CodeAsync(otherBrand)));
        }

        var stockBefore = (await cluster.A.Get<ICatalogStore>().GetProductAsync(purchase.Product.Id))!.Variants.Single(v => v.Sku == BuyNowApi.Medium).Stock;

        // Approved from both nodes at once: refunded once, stock back once.
        using var glowA = await cluster.ClientAsync(cluster.A, "glow");
        var approvals = await Task.WhenAll(glow.PostAsync($"/api/returns/{ret.Id}/approve", null), glowA.PostAsync($"/api/returns/{ret.Id}/approve", null));
        Assert.Contains(approvals, a => a.IsSuccessStatusCode);
        foreach (var a in approvals)
        {
            a.Dispose();
        }

        await cluster.WaitBookedAsync(first.Id, OrderStatuses.Refunded);
        // The simulated provider keeps one ledger per process: both nodes' calls are in it.
        Assert.Equal(1, ((SimulatedPaymentProvider)cluster.A.Get<IPaymentProvider>()).RefundCallsOf(first.PaymentReference));
        var stockAfter = (await cluster.A.Get<ICatalogStore>().GetProductAsync(purchase.Product.Id))!.Variants.Single(v => v.Sku == BuyNowApi.Medium).Stock;
        Assert.Equal(stockBefore + first.Items.Single().Quantity, stockAfter);
        using (var approvedAgain = await glow.PostAsync($"/api/returns/{ret.Id}/refuse", null))
        {
            Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.InvalidOrderTransition), (approvedAgain.StatusCode, await CodeAsync(approvedAgain)));
        }

        // The history tells who did what, step by step.
        var detail = await LiveApi.ReadAsync<OrderDetailDto>(await buyer.GetAsync($"/api/orders/{first.Id}"));
        Assert.Equal(
            [OrderStatuses.Placed, OrderStatuses.Paid, OrderStatuses.Packed, OrderStatuses.Shipped, OrderStatuses.Delivered,
             OrderStatuses.ReturnRequested, OrderStatuses.ReturnApproved, OrderStatuses.Refunded],
            detail.History.Select(h => h.To));
        Assert.All(detail.History.Skip(1), h => Assert.NotNull(h.From));
        using (var peek = await kite.GetAsync($"/api/orders/{first.Id}"))
        {
            Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.OrderNotFound), (peek.StatusCode, await CodeAsync(peek)));
        }

        // The export carries it.
        var csv = await glow.GetStringAsync("/api/fulfilment/export.csv");
        Assert.StartsWith(ExportFulfilmentHandler.Header, csv, StringComparison.Ordinal);
        Assert.Contains($"{first.Id},", csv, StringComparison.Ordinal);
        Assert.Contains("JD0146000012345", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_staff_packing_and_shipping_one_shipment_at_once_on_two_nodes_move_it_once()
    {
        await using var purchase = await cluster.BuyAsync(1, 1);
        var clients = new[] { await cluster.ClientAsync(cluster.A, "glow"), await cluster.ClientAsync(cluster.B, "glow") };
        try
        {
            var shipment = await Eventually.WaitForAsync(async () => await ShipmentOfAsync(clients[0], FulfilmentStages.ToPack, purchase.Orders[0].Id),
                s => s.Orders.Count == 2, "both orders in one shipment", Patience);

            async Task<List<(HttpStatusCode Status, string? Code)>> RaceAsync(Func<HttpClient, Task<HttpResponseMessage>> call)
            {
                using var gate = new ManualResetEventSlim();
                var answers = new ConcurrentBag<(HttpStatusCode, string?)>();
                await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
                {
                    gate.Wait();
                    using var response = await call(clients[i % 2]);
                    answers.Add((response.StatusCode, response.IsSuccessStatusCode ? null : await CodeAsync(response)));
                })).Append(Task.Run(gate.Set)));
                return answers.ToList();
            }

            foreach (var answers in new[]
            {
                await RaceAsync(c => c.PostAsync($"/api/fulfilment/shipments/{shipment.Id}/pack", null)),
                await RaceAsync(c => ShipAsync(c, shipment.Id)),
            })
            {
                Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
                Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a =>
                {
                    Assert.Equal(HttpStatusCode.Conflict, a.Status);
                    Assert.Contains(a.Code, new[] { ErrorCodes.OrderChanged, ErrorCodes.InvalidOrderTransition });
                });
            }

            var ids = purchase.Orders.Select(o => o.Id).ToList();
            var history = await cluster.BooksAsync(db => db.OrderHistory.AsNoTracking().Where(h => ids.Contains(h.OrderId)).ToListAsync());
            Assert.All(ids, id =>
            {
                Assert.Single(history, h => h.OrderId == id && h.To == OrderStatuses.Packed);
                Assert.Single(history, h => h.OrderId == id && h.To == OrderStatuses.Shipped);
            });
        }
        finally
        {
            foreach (var c in clients)
            {
                c.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_return_after_the_window_is_refused_and_a_cancel_refunds_before_shipping()
    {
        await using var purchase = await cluster.BuyAsync(1);
        await using var later = await cluster.BuyAsync(2);
        var order = purchase.Orders[0];
        using var glow = await cluster.ClientAsync(cluster.A, "glow");
        using var buyer = cluster.A.Authorized(purchase.Token);
        var shipment = await ShipmentOfAsync(glow, FulfilmentStages.ToPack, order.Id);
        (await glow.PostAsync($"/api/fulfilment/shipments/{shipment.Id}/pack", null)).EnsureSuccessStatusCode();
        (await ShipAsync(glow, shipment.Id)).EnsureSuccessStatusCode();
        (await glow.PostAsync($"/api/fulfilment/shipments/{shipment.Id}/deliver", null)).EnsureSuccessStatusCode();

        // Fifteen days pass (the window closed yesterday).
        await cluster.BooksAsync(async db =>
        {
            var row = await db.Orders.SingleAsync(o => o.Id == order.Id);
            row.ReturnBy = DateTimeOffset.UtcNow.AddDays(-1);
            return await db.SaveChangesAsync();
        });
        using (var late = await buyer.PostAsJsonAsync($"/api/orders/{order.Id}/return", new ReturnRequest("Changed my mind"), LiveApi.Json))
        {
            Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ReturnWindowClosed), (late.StatusCode, await CodeAsync(late)));
        }

        Assert.Equal(OrderStatuses.Delivered, (await cluster.BookedAsync(order.Id))!.Status);

        // Cancelled before it ships: refunded, out of the queue; cancelling a shipped order is refused.
        var other = later.Orders[0];
        await cluster.WaitBookedAsync(other.Id);
        (await glow.PostAsync($"/api/fulfilment/orders/{other.Id}/cancel", null)).EnsureSuccessStatusCode();
        await cluster.WaitBookedAsync(other.Id, OrderStatuses.Cancelled);
        Assert.Equal(1, ((SimulatedPaymentProvider)cluster.A.Get<IPaymentProvider>()).RefundCallsOf(other.PaymentReference));
        Assert.DoesNotContain((await QueueAsync(glow, FulfilmentStages.ToPack)).Shipments, s => s.Orders.Any(o => o.Id == other.Id));
        using var shippedCancel = await glow.PostAsync($"/api/fulfilment/orders/{order.Id}/cancel", null);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.InvalidOrderTransition), (shippedCancel.StatusCode, await CodeAsync(shippedCancel)));
    }
}
