using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.FlashSales;

/// <summary>Scheduling, launching, waitlists and refusals, through real nodes and real SignalR clients.</summary>
public sealed class FlashSaleLifecycleTests(FlashCluster cluster) : IClassFixture<FlashCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_scheduler_starts_and_ends_a_sale_exactly_once_with_two_nodes()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var onA = await cluster.A.ViewerAsync();
        await using var onB = await cluster.B.ViewerAsync();
        await onA.JoinAsync(stream.Id);
        await onB.JoinAsync(stream.Id);
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(1.5);
        var sale = await FlashApi.ScheduleAsync(cluster.B, FlashApi.Request(stream.Id, quantity: 5, startsAt: startsAt, duration: TimeSpan.FromSeconds(2)));
        Assert.Equal(SaleStatus.Scheduled, sale.Status);
        Assert.Equal(ReserveOutcome.NotLive, (await onA.Hub.Reserve(stream.Id, sale.Id, 1, "early")).Outcome);

        foreach (var viewer in new[] { onA, onB })
        {
            await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<FlashSaleStarted>().Any(), Patience, nameof(FlashSaleStarted));
        }

        var started = onB.Events(stream.Id).OfType<FlashSaleStarted>().Single();
        Assert.Equal(sale.EndsAt!.Value.ToUnixTimeMilliseconds(), started.EndsAt.ToUnixTimeMilliseconds());
        Assert.True(started.At >= startsAt.AddMilliseconds(-50), "not announced early");
        Assert.Equal(ReserveOutcome.Held, (await onA.Hub.Reserve(stream.Id, sale.Id, 1, "during")).Outcome);

        // A joiner now gets the live sale and the server clock in the snapshot.
        await using var late = await cluster.B.ViewerAsync();
        var snapshot = await late.JoinAsync(stream.Id);
        var live = Assert.Single(snapshot.Sales);
        Assert.Equal((sale.Id, 4), (live.Id, live.Remaining));
        Assert.True(Math.Abs((snapshot.ServerTime - DateTimeOffset.UtcNow).TotalSeconds) < 2);

        foreach (var viewer in new[] { onA, onB })
        {
            await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<FlashSaleEnded>().Any(), Patience, nameof(FlashSaleEnded));
        }

        Assert.Equal(ReserveOutcome.NotLive, (await onB.Hub.Reserve(stream.Id, sale.Id, 1, "late")).Outcome);
        await Task.Delay(500); // room for a duplicate announcement to show up, had there been one
        foreach (var viewer in new[] { onA, onB })
        {
            Assert.Single(viewer.Events(stream.Id).OfType<FlashSaleStarted>());
            Assert.Single(viewer.Events(stream.Id).OfType<FlashSaleEnded>());
        }

        Assert.Equal(SaleStatus.Ended, (await FlashApi.GetAsync(cluster.A, sale.Id)).Status);
        Assert.Empty((await late.JoinAsync(stream.Id)).Sales);
    }

    [Fact]
    public async Task A_host_of_the_stream_launches_a_scheduled_sale_and_others_cannot()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A, host: "mia");
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 3, startsAt: DateTimeOffset.UtcNow.AddMinutes(30), duration: TimeSpan.FromSeconds(30)));
        await using var viewer = await cluster.A.ViewerAsync();
        await viewer.JoinAsync(stream.Id);
        await using var otherHost = await cluster.B.ViewerAsync("leo");
        Assert.Equal(ErrorCodes.NotOwner, await FlashApi.HubErrorCodeAsync(() => otherHost.Hub.LaunchFlashSale(sale.Id)));

        await using var host = await cluster.B.ViewerAsync("mia");
        var launched = await host.Hub.LaunchFlashSale(sale.Id);
        Assert.Equal(SaleStatus.Live, launched.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), launched.EndsAt - launched.StartsAt);
        await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<FlashSaleStarted>().Any(), Patience, "FlashSaleStarted after launch");
        Assert.Equal(ReserveOutcome.Held, (await viewer.Hub.Reserve(stream.Id, sale.Id, 1, "k")).Outcome);
        Assert.Equal(ErrorCodes.SaleNotEditable, await FlashApi.HubErrorCodeAsync(() => host.Hub.LaunchFlashSale(sale.Id)));
    }

    [Fact]
    public async Task Waitlisted_buyers_get_released_units_in_order_with_a_notification_on_their_node()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 1));
        await using var first = await cluster.A.ViewerAsync();
        await using var second = await cluster.B.ViewerAsync();
        await using var third = await cluster.A.ViewerAsync();
        await second.JoinAsync(stream.Id);
        var held = await first.Hub.Reserve(null, sale.Id, 1, "k");
        Assert.Equal(ReserveOutcome.Held, held.Outcome);
        Assert.Equal(ReserveOutcome.SoldOut, (await second.Hub.Reserve(stream.Id, sale.Id, 1, "k")).Outcome);

        Assert.Equal(1, (await second.Hub.JoinWaitlist(stream.Id, sale.Id)).Position);
        Assert.Equal(2, (await third.Hub.JoinWaitlist(null, sale.Id)).Position);
        Assert.Equal(1, (await second.Hub.JoinWaitlist(stream.Id, sale.Id)).Position);

        Assert.True(await first.Hub.ReleaseHold(held.HoldId!));
        await second.WaitUntilAsync(v => v.States<WaitlistHoldGranted>().Any(), Patience, "the waitlist grant on node B");
        var grant = second.States<WaitlistHoldGranted>().Single();
        Assert.Equal((sale.Id, 1), (grant.SaleId, grant.Quantity));
        Assert.Empty(third.States<WaitlistHoldGranted>());
        Assert.Equal(ReserveOutcome.SoldOut, (await third.Hub.Reserve(null, sale.Id, 1, "k2")).Outcome);

        var bought = await second.Hub.PayAsync(grant.HoldId, "c");
        Assert.Equal(CheckoutOutcome.Confirmed, bought.Outcome);
        Assert.Equal(stream.Id, bought.Order!.StreamId);
        var after = await FlashApi.GetAsync(cluster.B, sale.Id);
        Assert.Equal((1, 0, 0), (after.Sold, after.Held, after.Remaining));
    }

    [Fact]
    public async Task Bad_input_gets_stable_codes_and_changes_nothing()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 10, limit: 2));
        await using var buyer = await cluster.A.ViewerAsync();
        await using var other = await cluster.B.ViewerAsync();

        Assert.Equal(ErrorCodes.InvalidQuantity, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.Reserve(null, sale.Id, 0, "k")));
        Assert.Equal(ErrorCodes.InvalidQuantity, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.Reserve(null, sale.Id, -1, "k")));
        Assert.Equal(ErrorCodes.InvalidQuantity, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.Reserve(null, sale.Id, 3, "k")));
        Assert.Equal(ErrorCodes.SaleNotFound, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.Reserve(null, "fs-nope", 1, "k")));
        Assert.Equal(ErrorCodes.ValidationFailed, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.Reserve(null, sale.Id, 1, new string('k', 200))));

        var held = await buyer.Hub.Reserve(null, sale.Id, 1, "k");
        Assert.Equal(ErrorCodes.NotYourHold, await FlashApi.HubErrorCodeAsync(() => other.Hub.PayAsync(held.HoldId!, "c")));
        Assert.Equal(ErrorCodes.HoldNotFound, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.PayAsync("nonsense", "c")));
        Assert.Equal(ErrorCodes.CurrencyMismatch, await FlashApi.HubErrorCodeAsync(() =>
            buyer.Hub.PayAsync(held.HoldId!, "c", "EUR", null)));
        var bought = await buyer.Hub.PayAsync(held.HoldId!, "c", "USD", "JPY");
        Assert.Equal(("USD", "JPY", 12.50m), (bought.Order!.Currency, bought.Order.DisplayCurrency, bought.Order.Total));
        Assert.Equal(ErrorCodes.CheckoutReplayed, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.PayAsync(held.HoldId!, "another-key")));
        Assert.Equal(bought.Order.Id, (await buyer.Hub.PayAsync(held.HoldId!, "c")).Order!.Id);

        var state = await FlashApi.GetAsync(cluster.A, sale.Id);
        Assert.Equal((1, 0, 9), (state.Sold, state.Held, state.Remaining));

        // Scheduling and editing refusals over HTTP.
        var badCurrency = await FlashApi.PostAsync(cluster.A, FlashApi.Request(stream.Id, 5, currency: "XYZ"));
        Assert.Equal(HttpStatusCode.BadRequest, badCurrency.StatusCode);
        Assert.Contains(ErrorCodes.UnsupportedCurrency, await badCurrency.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await FlashApi.PostAsync(cluster.A, FlashApi.Request(stream.Id, 0))).StatusCode);

        // Only a brand's own products go on sale, in the product's own currency, and unknown products are refused.
        using var kiteHttp = cluster.B.Authorized(await cluster.B.TokenAsync("kite"));
        var foreign = await kiteHttp.PostAsJsonAsync("/api/flash-sales", FlashApi.Request(stream.Id, 5), LiveApi.Json);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains(ErrorCodes.NotOwner, await foreign.Content.ReadAsStringAsync());
        using var glowHttp = cluster.B.Authorized(await cluster.B.TokenAsync("glow"));
        var wrongCurrency = await glowHttp.PostAsJsonAsync("/api/flash-sales", FlashApi.Request(stream.Id, 5) with { Currency = "EUR", Price = 11m }, LiveApi.Json);
        Assert.Contains(ErrorCodes.CurrencyMismatch, await wrongCurrency.Content.ReadAsStringAsync());
        var unknown = await glowHttp.PostAsJsonAsync("/api/flash-sales", FlashApi.Request(stream.Id, 5) with { ProductId = "p-no-such" }, LiveApi.Json);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains(ErrorCodes.ProductNotFound, await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await FlashApi.PostAsync(cluster.A, FlashApi.Request(stream.Id, 5, price: 1.234m))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await FlashApi.PostAsync(cluster.A, FlashApi.Request(stream.Id, 5, duration: TimeSpan.FromHours(2)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FlashApi.PostAsync(cluster.A, FlashApi.Request("s-missing", 5))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await FlashApi.PostAsync(cluster.A, FlashApi.Request(stream.Id, 5), brand: "sam")).StatusCode);

        using var kite = cluster.B.Authorized(await cluster.B.TokenAsync("kite"));
        var notOwner = await kite.PutAsJsonAsync($"/api/flash-sales/{sale.Id}/quantity", new ChangeSaleQuantityRequest(50), LiveApi.Json);
        Assert.Equal(HttpStatusCode.Forbidden, notOwner.StatusCode);
        Assert.Contains(ErrorCodes.NotOwner, await notOwner.Content.ReadAsStringAsync());
        using var glow = cluster.B.Authorized(await cluster.B.TokenAsync("glow"));
        var tooLow = await glow.PutAsJsonAsync($"/api/flash-sales/{sale.Id}/quantity", new ChangeSaleQuantityRequest(0), LiveApi.Json);
        Assert.Equal(HttpStatusCode.Conflict, tooLow.StatusCode);
        var started = await glow.PutAsJsonAsync($"/api/flash-sales/{sale.Id}", FlashApi.Request(stream.Id, 5), LiveApi.Json);
        Assert.Contains(ErrorCodes.SaleNotEditable, await started.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await glow.PutAsJsonAsync($"/api/flash-sales/{sale.Id}/quantity", new ChangeSaleQuantityRequest(20), LiveApi.Json)).StatusCode);

        var final = await FlashApi.GetAsync(cluster.B, sale.Id);
        Assert.Equal((20, 1, 19), (final.Quantity, final.Sold, final.Remaining));
    }

    [Fact]
    public async Task A_brand_edits_and_cancels_before_the_start_and_the_sale_never_goes_live()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var viewer = await cluster.B.ViewerAsync();
        await viewer.JoinAsync(stream.Id);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 5, startsAt: DateTimeOffset.UtcNow.AddMinutes(10)));
        using var glow = cluster.A.Authorized(await cluster.A.TokenAsync("glow"));
        var edited = await LiveApi.ReadAsync<FlashSaleDto>(await glow.PutAsJsonAsync(
            $"/api/flash-sales/{sale.Id}", FlashApi.Request(stream.Id, quantity: 8, startsAt: DateTimeOffset.UtcNow.AddSeconds(1), duration: TimeSpan.FromSeconds(5)), LiveApi.Json));
        Assert.Equal((8, 8), (edited.Quantity, edited.Remaining));
        var cancelled = await LiveApi.ReadAsync<FlashSaleDto>(await glow.PostAsync($"/api/flash-sales/{sale.Id}/cancel", null));
        Assert.Equal(SaleStatus.Cancelled, cancelled.Status);
        await Task.Delay(1500);
        Assert.Equal(ReserveOutcome.NotLive, (await viewer.Hub.Reserve(stream.Id, sale.Id, 1, "k")).Outcome);
        Assert.Empty(viewer.Events(stream.Id).OfType<FlashSaleStarted>());
        Assert.Contains(sale.Id, (await LiveApi.ReadAsync<List<FlashSaleDto>>(await cluster.B.Http.GetAsync($"/api/flash-sales?streamId={stream.Id}"))).Select(s => s.Id));
    }

    [Fact]
    public async Task A_regular_sale_sells_pinned_products_at_list_price_through_the_same_engine()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var regular = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 2, limit: 5) with { Kind = SaleKind.Regular, EndsAt = null });
        Assert.Equal((SaleStatus.Live, (DateTimeOffset?)null), (regular.Status, regular.EndsAt));
        await using var buyer = await cluster.B.ViewerAsync();
        var held = await buyer.Hub.Reserve(null, regular.Id, 2, "k");
        Assert.Equal(CheckoutOutcome.Confirmed, (await buyer.Hub.PayAsync(held.HoldId!, "c")).Outcome);
        Assert.Equal(ReserveOutcome.SoldOut, (await buyer.Hub.Reserve(null, regular.Id, 1, "k2")).Outcome);
    }
}

/// <summary>A declined card keeps the hold: the buyer tries another card until it expires; giving it up returns the units at once.</summary>
public sealed class FlashSalePaymentFailureTests(FlashCluster cluster) : IClassFixture<FlashCluster>
{
    [Fact]
    public async Task A_declined_card_keeps_the_hold_for_another_card_and_writes_no_order()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 1));
        await using var buyer = await cluster.B.ViewerAsync("sam");
        var held = await buyer.Hub.Reserve(null, sale.Id, 1, "k");
        Assert.Equal(0, held.Remaining);
        var result = await buyer.Hub.PayAsync(held.HoldId!, "c", card: TestCards.Declined);
        Assert.Equal((CheckoutOutcome.PaymentFailed, "card_declined"), (result.Outcome, result.Reason));
        var after = await FlashApi.GetAsync(cluster.A, sale.Id);
        Assert.Equal((0, 1, 0), (after.Remaining, after.Held, after.Sold));

        // Another card, on the other node, pays for the same hold.
        await using var again = await cluster.A.ViewerAsync("sam");
        var paid = await again.Hub.ConfirmPayment(result.Payment!.Id, TestCards.Card());
        Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
        var sold = await FlashApi.GetAsync(cluster.A, sale.Id);
        Assert.Equal((0, 0, 1), (sold.Remaining, sold.Held, sold.Sold));
    }

    [Fact]
    public async Task A_hold_given_up_after_a_decline_returns_its_units_at_once()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(stream.Id, quantity: 1));
        await using var buyer = await cluster.B.ViewerAsync();
        var held = await buyer.Hub.Reserve(null, sale.Id, 1, "k");
        Assert.Equal(CheckoutOutcome.PaymentFailed, (await buyer.Hub.PayAsync(held.HoldId!, "c", card: TestCards.Declined)).Outcome);
        Assert.True(await buyer.Hub.ReleaseHold(held.HoldId!));
        var after = await FlashApi.GetAsync(cluster.A, sale.Id);
        Assert.Equal((1, 0, 0), (after.Remaining, after.Held, after.Sold));

        // The node that answered sold-out from memory forgets it as soon as units return.
        await using var next = await cluster.B.ViewerAsync();
        Assert.Equal(ReserveOutcome.Held, (await next.Hub.Reserve(null, sale.Id, 1, "k")).Outcome);
    }
}
