using LiveCommerce.Client.Features.Sales;
using LiveCommerce.Client.Realtime;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

public sealed class PurchaseTests
{
    private static FlashSaleDto Sale(int remaining = 5, SaleStatus status = SaleStatus.Live) =>
        new("fs-1", SaleKind.Flash, "p1", null, "Glow Serum flash", "u-brand-glow", 9.99m, "USD", 10, remaining, 10 - remaining, 0,
            T0, T0.AddMinutes(5), 2, 300, ["s1"], status);

    private static OrderDto Order() =>
        new("o-1", "u-viewer-sam", "fs-1", "u-brand-glow", [new OrderItemDto("p1", null, "Glow Serum", 1, 9.99m)], 9.99m, "USD", "USD", "s1", null, "pay-1", T0);

    [Fact]
    public void Reserve_answers_map_to_the_next_step()
    {
        Assert.Equal(PurchaseStep.Held, PurchaseState.AfterReserve(new(ReserveOutcome.Held, "h1", T0.AddMinutes(5), 1, 4)).Step);
        Assert.Equal(PurchaseStep.SoldOut, PurchaseState.AfterReserve(new(ReserveOutcome.SoldOut, null, null, 0, 0)).Step);
        Assert.Equal(PurchaseState.LimitReached, PurchaseState.AfterReserve(new(ReserveOutcome.LimitReached, null, null, 0, 3)).Problem);
        Assert.Equal(PurchaseState.NotLive, PurchaseState.AfterReserve(new(ReserveOutcome.NotLive, null, null, 0, null)).Problem);
    }

    [Fact]
    public void Checkout_answers_confirm_or_explain()
    {
        var held = PurchaseState.AfterReserve(new(ReserveOutcome.Held, "h1", T0.AddMinutes(5), 1, 4));
        Assert.Equal("o-1", held.AfterCheckout(new(CheckoutOutcome.Confirmed, Order(), null)).Order?.Id);
        Assert.Equal(PurchaseState.PaymentFailed, held.AfterCheckout(new(CheckoutOutcome.PaymentFailed, null, "declined")).Problem);
        Assert.Equal(PurchaseState.HoldExpired, held.AfterCheckout(new(CheckoutOutcome.HoldExpired, null, null)).Problem);
    }

    [Fact]
    public void A_hold_expires_on_the_servers_clock()
    {
        var held = PurchaseState.AfterReserve(new(ReserveOutcome.Held, "h1", T0.AddSeconds(30), 1, 4));
        Assert.Equal(PurchaseStep.Held, held.At(T0.AddSeconds(29)).Step);
        Assert.Equal(PurchaseState.HoldExpired, held.At(T0.AddSeconds(30)).Problem);
        Assert.True(held.At(T0.AddSeconds(30)).CanBuy);
    }

    [Fact]
    public void Buy_hold_pay_confirm_through_the_panel()
    {
        using var ctx = new ClientTestContext().SignedIn(); // guests may not comment or buy
        WithAddressBook(ctx);
        ctx.Hub.Answer = (method, args) => method switch
        {
            nameof(ILiveHub.Reserve) => new ReserveResult(ReserveOutcome.Held, "h1", T0.AddSeconds(90), 1, 4),
            nameof(ILiveHub.CheckoutTo) => new CheckoutResult(CheckoutOutcome.Confirmed, Order(), null),
            _ => null,
        };
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, Sale()).Add(x => x.StreamId, "s1").Add(x => x.ServerClockOffset, TimeSpan.FromSeconds(30)));

        cut.Find("[data-testid=buy]").Click();
        Assert.Equal("1:00", cut.Find("[data-testid=hold-countdown]").TextContent); // 90 s hold, server 30 s ahead
        WaitForPay(cut, "checkout");
        cut.ClickNow("[data-testid=checkout]");

        Assert.Contains("Order confirmed!", cut.Find("[data-testid=order-confirmed]").TextContent, StringComparison.Ordinal);
        var reserve = ctx.Hub.Calls[0];
        Assert.Equal(nameof(ILiveHub.Reserve), reserve.Method);
        Assert.Equal(["s1", "fs-1", 1], reserve.Args.Take(3)); // bought in the stream being watched
        var checkout = ctx.Hub.Calls[1];
        Assert.Equal(nameof(ILiveHub.CheckoutTo), checkout.Method);
        Assert.Equal(["h1"], checkout.Args.Take(1));
        Assert.Equal("USD", checkout.Args[2]); // the price currency the viewer saw
        Assert.Equal("a1", checkout.Args[4]); // shipped to the default address, prefilled
    }

    [Fact]
    public void A_checkout_retried_after_a_refusal_reuses_its_idempotency_key()
    {
        using var ctx = new ClientTestContext().SignedIn(); // guests may not comment or buy
        WithAddressBook(ctx);
        var attempts = 0;
        ctx.Hub.Answer = (method, args) => method switch
        {
            nameof(ILiveHub.Reserve) => new ReserveResult(ReserveOutcome.Held, "h1", T0.AddMinutes(5), 1, 4),
            nameof(ILiveHub.CheckoutTo) when attempts++ == 0 => throw new ApiException(ErrorCodes.Unavailable, "Try again."),
            nameof(ILiveHub.CheckoutTo) => new CheckoutResult(CheckoutOutcome.Confirmed, Order(), null),
            _ => null,
        };
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, Sale()).Add(x => x.StreamId, "s1"));

        cut.Find("[data-testid=buy]").Click();
        WaitForPay(cut, "checkout");
        cut.ClickNow("[data-testid=checkout]");
        Assert.Equal("Try again.", cut.Find("[data-testid=buy-problem]").TextContent);
        cut.ClickNow("[data-testid=checkout]"); // still held: pay again
        cut.Find("[data-testid=order-confirmed]");

        var keys = ctx.Hub.Calls.Where(c => c.Method == nameof(ILiveHub.CheckoutTo)).Select(c => c.Args[1]).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public void Sold_out_offers_the_waitlist_and_a_granted_hold_moves_to_payment()
    {
        using var ctx = new ClientTestContext().SignedIn(); // guests may not comment or buy
        ctx.Hub.Answer = (method, _) => method == nameof(ILiveHub.JoinWaitlist) ? new WaitlistResult("fs-1", 3) : null;
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, Sale(remaining: 0)).Add(x => x.StreamId, "s1"));

        Assert.Equal("Sold out", cut.Find("[data-testid=sold-out]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=buy]"));
        cut.Find("[data-testid=join-waitlist]").Click();
        Assert.Contains("number 3", cut.Find("[data-testid=waitlisted]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["s1", "fs-1"], Assert.Single(ctx.Hub.Calls).Args);

        ctx.Hub.Push(nameof(ILiveClient.WaitlistHoldGranted), new WaitlistHoldGranted("fs-1", "h9", 1, T0.AddMinutes(2)));
        cut.WaitForAssertion(() => Assert.Equal("Held", cut.Find("[data-testid=buy-panel]").GetAttribute("data-step")));

        ctx.Hub.Push(nameof(ILiveClient.WaitlistHoldGranted), new WaitlistHoldGranted("another-sale", "h10", 1, T0.AddMinutes(2)));
        Assert.Equal("Held", cut.Find("[data-testid=buy-panel]").GetAttribute("data-step"));
    }

    [Fact]
    public void The_banner_shows_the_stock_left_and_the_countdown()
    {
        using var ctx = new ClientTestContext("zh-CN");
        var cut = ctx.Render<FlashSaleBanner>(p => p.Add(x => x.Sale, Sale(remaining: 3)).Add(x => x.StreamId, "s1").Add(x => x.ServerClockOffset, TimeSpan.FromMinutes(1)));

        var bar = cut.Find("[data-testid=stock-bar]");
        Assert.Equal("3", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("10", bar.GetAttribute("aria-valuemax"));
        Assert.Equal("剩余 3/10", cut.Find("[data-testid=stock-text]").TextContent);
        Assert.Contains("4:00", cut.Find("[data-testid=flash-countdown]").TextContent, StringComparison.Ordinal);
        Assert.Equal("US$9.99", cut.Find("[data-testid=price]").TextContent);
    }

    [Fact]
    public void Live_state_follows_sales_stock_and_purchases()
    {
        var state = new LiveStreamState { StreamId = "s1" }.WithSnapshot(Snapshot(1) with { Sales = [Sale(remaining: 5) with { Status = SaleStatus.Scheduled }] }, T0);
        Assert.Null(state.FeaturedFlashSale);

        state = state.Apply(new FlashSaleStarted { StreamId = "s1", Seq = 2, Sale = Sale(remaining: 5), EndsAt = T0.AddMinutes(5) });
        Assert.Equal("fs-1", state.FeaturedFlashSale?.Id);
        Assert.Equal("fs-1", state.LiveSaleOf("p1")?.Id);

        state = state.Apply(new StockChanged("fs-1", 2, false));
        Assert.Equal(2, state.Sales.Single().Remaining);
        Assert.Same(state, state.Apply(new StockChanged("not-ours", 0, true)));

        state = state.Apply(new PurchaseMade { StreamId = "s1", Seq = 3, SaleId = "fs-1", BuyerName = "Ana", Country = "BR", ProductTitle = "Serum", Quantity = 2 });
        Assert.Equal(1, state.OrdersSeen);
        Assert.Equal(19.98m, state.SalesValueSeen["USD"]);

        // A coalesced moment counts the orders and units it stands for.
        state = state.Apply(new PurchaseMade
        {
            StreamId = "s1", Seq = 4, SaleId = "fs-1", BuyerName = "Bo", ProductTitle = "Serum", Quantity = 1, CoalescedOrders = 4, CoalescedUnits = 5,
        });
        Assert.Equal(6, state.OrdersSeen);
        Assert.Equal(19.98m + (6 * 9.99m), state.SalesValueSeen["USD"]);
        Assert.Equal(["Ana", "Bo"], state.Purchases.Select(p => p.BuyerName));

        state = state.Apply(new FlashSaleEnded { StreamId = "s1", Seq = 5, SaleId = "fs-1", EndsAt = T0 });
        Assert.Null(state.FeaturedFlashSale);
        Assert.Null(state.LiveSaleOf("p1"));
    }

    /// <summary>The buyer's address book (one default address in Germany) and the quote for it.</summary>
    internal static void WithAddressBook(ClientTestContext ctx)
    {
        ctx.Http.Answers["/api/me/addresses"] = new[] { Address() };
        ctx.Http.Answers["/api/checkout/quote"] = Quote();
    }

    /// <summary>Pay waits for the address step (the default address, prefilled) to settle.</summary>
    internal static void WaitForPay(IRenderedComponent<BuyPanel> cut, string testId) =>
        cut.WaitForAssertion(() => Assert.False(cut.Find($"[data-testid={testId}]").HasAttribute("disabled")));
}
