using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Fulfilment;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure.Payments;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.EntityFrameworkCore;
using static LiveCommerce.IntegrationTests.Fulfilment.FulfilmentCluster;

namespace LiveCommerce.IntegrationTests.Fulfilment;

/// <summary>The brand's own return window, and a partial refund as the brand, the provider and the host see it (issue 27).</summary>
public sealed class ReturnsAndRefundsTests(FulfilmentCluster cluster) : IClassFixture<FulfilmentCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_brand_sets_a_30_day_return_window_that_new_orders_keep_while_older_ones_keep_theirs_and_refused_changes_save_nothing()
    {
        using var glow = await cluster.ClientAsync(cluster.A, "glow");
        using var kite = await cluster.ClientAsync(cluster.B, "kite");

        // Sold before the change: the default 14 days.
        await using var before = await cluster.BuyAsync(1);
        var brandId = before.Orders[0].BrandId;
        var shipping = $"/api/brands/{brandId}/shipping";
        Assert.Equal(14, (await cluster.WaitBookedAsync(before.Orders[0].Id)).ReturnWindowDays);
        var current = await LiveApi.ReadAsync<BrandShippingDto>(await glow.GetAsync(shipping));
        Assert.Equal(14, current.ReturnWindowDays);

        // Another brand cannot change it; out of range is refused on its field; neither saves anything.
        using (var foreign = await kite.PutAsJsonAsync(shipping, current with { ReturnWindowDays = 90 }, LiveApi.Json))
        {
            Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.NotOwner), (foreign.StatusCode, await CodeAsync(foreign)));
        }

        foreach (var bad in new[] { -1, 366 })
        {
            using var refused = await glow.PutAsJsonAsync(shipping, current with { ReturnWindowDays = bad, CollectsImportTaxes = !current.CollectsImportTaxes }, LiveApi.Json);
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.InvalidReturnWindow), (refused.StatusCode, await CodeAsync(refused)));
            var fields = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("fields");
            Assert.Equal(["returnWindowDays"], fields.EnumerateObject().Select(f => f.Name));
        }

        using var glowB = await cluster.ClientAsync(cluster.B, "glow");
        var unchanged = await LiveApi.ReadAsync<BrandShippingDto>(await glowB.GetAsync(shipping));
        Assert.Equal((14, current.CollectsImportTaxes), (unchanged.ReturnWindowDays, unchanged.CollectsImportTaxes));

        var saved = await LiveApi.ReadAsync<BrandShippingDto>(await glow.PutAsJsonAsync(shipping, current with { ReturnWindowDays = 30 }, LiveApi.Json));
        Assert.Equal(30, saved.ReturnWindowDays);
        // A client that does not send it (one older than the field) keeps it.
        Assert.Equal(30, (await LiveApi.ReadAsync<BrandShippingDto>(await glow.PutAsJsonAsync(shipping, current with { ReturnWindowDays = null }, LiveApi.Json))).ReturnWindowDays);

        // Sold after the change: 30 days; the earlier order keeps its 14.
        await using var after = await cluster.BuyAsync(1);
        Assert.Equal(30, (await cluster.WaitBookedAsync(after.Orders[0].Id)).ReturnWindowDays);
        Assert.Equal(14, (await cluster.BookedAsync(before.Orders[0].Id))!.ReturnWindowDays);

        // Both delivered, then twenty days pass.
        foreach (var order in new[] { before.Orders[0], after.Orders[0] })
        {
            var shipment = await ShipmentOfAsync(glow, FulfilmentStages.ToPack, order.Id);
            (await glow.PostAsync($"/api/fulfilment/shipments/{shipment.Id}/pack", null)).EnsureSuccessStatusCode();
            (await ShipAsync(glow, shipment.Id)).EnsureSuccessStatusCode();
            (await glow.PostAsync($"/api/fulfilment/shipments/{shipment.Id}/deliver", null)).EnsureSuccessStatusCode();
            var delivered = (await cluster.BookedAsync(order.Id))!;
            Assert.Equal(order == after.Orders[0] ? 30 : 14, Math.Round((delivered.ReturnBy!.Value - delivered.DeliveredAt!.Value).TotalDays));
            await cluster.BooksAsync(async db =>
            {
                var row = await db.Orders.SingleAsync(o => o.Id == order.Id);
                (row.DeliveredAt, row.ReturnBy) = (row.DeliveredAt!.Value.AddDays(-20), row.ReturnBy!.Value.AddDays(-20));
                return await db.SaveChangesAsync();
            });
        }

        using var late = cluster.A.Authorized(after.Token);
        var ret = await LiveApi.ReadAsync<ReturnDto>(await late.PostAsJsonAsync($"/api/orders/{after.Orders[0].Id}/return", new ReturnRequest("Wrong shade"), LiveApi.Json));
        Assert.Equal("requested", ret.Status);
        using var early = cluster.B.Authorized(before.Token);
        using var closed = await early.PostAsJsonAsync($"/api/orders/{before.Orders[0].Id}/return", new ReturnRequest("Wrong shade"), LiveApi.Json);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ReturnWindowClosed), (closed.StatusCode, await CodeAsync(closed)));
        Assert.Equal(OrderStatuses.Delivered, (await cluster.BookedAsync(before.Orders[0].Id))!.Status);
    }

    [Fact]
    public async Task A_partial_refund_pays_back_that_amount_once_reverses_the_hosts_whole_commission_once_and_a_second_refund_moves_nothing()
    {
        await using var purchase = await cluster.BuyAsync(2);
        var order = purchase.Orders[0];
        using var mia = await cluster.ClientAsync(cluster.B, "mia");
        var day = DateOnly.FromDateTime(order.CreatedAt.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        async Task<ReportRow?> StreamRowAsync() =>
            (await LiveApi.ReadAsync<EarningsReport>(await mia.GetAsync($"/api/reports/influencer?from={day}&to={day}&pageSize=500")))
                .Rows.SingleOrDefault(r => r.Dimension == "stream" && r.Key == purchase.Stream.Id);

        // The host's dashboard shows the sale and its commission.
        var sold = (await Eventually.WaitForAsync(StreamRowAsync, r => r?.Orders == 1, "the sale on the host's dashboard", Patience))!;
        Assert.True(sold.Commission > 0);

        // The brand refunds a quarter of it.
        var provider = (SimulatedPaymentProvider)cluster.A.Get<IPaymentProvider>();
        var part = decimal.Round(order.Total / 4, 2);
        using var glowA = await cluster.ClientAsync(cluster.A, "glow");
        using var glowB = await cluster.ClientAsync(cluster.B, "glow");
        using (var refunded = await glowA.PostAsJsonAsync($"/api/orders/{order.Id}/refund", new RefundOrderRequest(part), LiveApi.Json))
        {
            refunded.EnsureSuccessStatusCode();
        }

        Assert.Equal((1, part), (provider.RefundCallsOf(order.PaymentReference), provider.Ledger.Intents[order.PaymentReference].Refunded));

        // The host's whole commission on the order goes back (not a quarter of it), and the order is refunded in the books.
        var reversed = await Eventually.WaitForAsync(StreamRowAsync, r => r is null || r.Orders == 0, "the commission reversed", Patience);
        Assert.Equal(0m, reversed?.Commission ?? 0m);
        await cluster.WaitBookedAsync(order.Id, OrderStatuses.Refunded);

        // A second refund, the rest in full and another part, from both nodes at once: refused, no money moves.
        var again = await Task.WhenAll(
            glowA.PostAsync($"/api/orders/{order.Id}/refund", null),
            glowB.PostAsJsonAsync($"/api/orders/{order.Id}/refund", new RefundOrderRequest(1m), LiveApi.Json));
        foreach (var answer in again)
        {
            Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.AlreadyRefunded), (answer.StatusCode, await CodeAsync(answer)));
            answer.Dispose();
        }

        Assert.Equal((1, part), (provider.RefundCallsOf(order.PaymentReference), provider.Ledger.Intents[order.PaymentReference].Refunded));
        var log = await cluster.B.Get<IOrderLog>().ReadAfterAsync(null, 100_000);
        Assert.Single(log, e => e.IsReversal && e.Order.Id == order.Id);
        Assert.Equal(0m, (await StreamRowAsync())?.Commission ?? 0m);
        var history = await cluster.BooksAsync(db => db.OrderHistory.AsNoTracking().Where(h => h.OrderId == order.Id).ToListAsync());
        Assert.Single(history, h => h.To == OrderStatuses.Refunded);
    }
}
