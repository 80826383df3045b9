using System.Net;
using LiveCommerce.Client.Features.Sales;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The pay step: test mode said, a decline said next to the card with the hold kept, 3-D Secure completed.</summary>
public sealed class CardPaymentTests
{
    private static FlashSaleDto Sale() =>
        new("fs-1", SaleKind.Flash, "p1", null, "Glow Serum flash", "u-brand-glow", 9.99m, "USD", 10, 5, 5, 0,
            T0, T0.AddMinutes(5), 2, 300, ["s1"], SaleStatus.Live);

    private static OrderDto Order() =>
        new("fs-1.o1", "u-viewer-sam", "fs-1", "u-brand-glow", [new OrderItemDto("p1", null, "Glow Serum", 1, 9.99m)], 9.99m, "USD", "USD", "s1", null, "pi_1", T0);

    private static PaymentIntentDto Intent(string status = PaymentIntentStates.RequiresPaymentMethod, string? failure = null) =>
        new("pi_1", "pi_1_secret", "simulated", true, 9.99m, "USD", status, status == PaymentIntentStates.RequiresAction ? "/api/payments/test-challenge/pi_1" : null, failure);

    private static void EnterCard(Bunit.IRenderedComponent<BuyPanel> cut, string number)
    {
        cut.InputNow("[data-testid=card-number]", number);
        cut.InputNow("[data-testid=card-expiry]", "12/34");
        cut.InputNow("[data-testid=card-cvc]", "123");
    }

    [Fact]
    public void A_declined_card_is_said_next_to_the_card_and_another_card_pays_for_the_same_hold()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Hub.Answer = (method, args) => method switch
        {
            nameof(ILiveHub.Reserve) => new ReserveResult(ReserveOutcome.Held, "fs-1.h1", T0.AddMinutes(5), 1, 4),
            nameof(ILiveHub.CheckoutTo) => new CheckoutResult(CheckoutOutcome.PaymentRequired, null, null, Intent()),
            nameof(ILiveHub.ConfirmPayment) when ((PaymentCard)args[1]!).Number == TestCards.Declined =>
                new CheckoutResult(CheckoutOutcome.PaymentFailed, null, "card_declined", Intent(failure: "card_declined")),
            nameof(ILiveHub.ConfirmPayment) => new CheckoutResult(CheckoutOutcome.Confirmed, Order(), null, Intent(PaymentIntentStates.Succeeded)),
            _ => null,
        };
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, Sale()).Add(x => x.StreamId, "s1"));
        cut.Find("[data-testid=buy]").Click();
        cut.ClickNow("[data-testid=checkout]");
        Assert.Contains("Test mode", cut.Find("[data-testid=test-mode]").TextContent, StringComparison.Ordinal);

        // Shape first, next to each field, before anything is sent.
        cut.ClickNow("[data-testid=pay-card]");
        Assert.Equal("Enter the card number.", cut.Find("[data-testid=error-cardNumber]").TextContent);
        Assert.Equal("Enter the expiry as MM/YY.", cut.Find("[data-testid=error-expiry]").TextContent);
        Assert.DoesNotContain(ctx.Hub.Calls, c => c.Method == nameof(ILiveHub.ConfirmPayment));

        EnterCard(cut, TestCards.Declined);
        cut.ClickNow("[data-testid=pay-card]");
        Assert.Contains("declined", cut.Find("[data-testid=card-declined]").TextContent, StringComparison.Ordinal);
        Assert.Equal(nameof(PurchaseStep.Held), cut.Find("[data-testid=buy-panel]").GetAttribute("data-step")); // the hold stays

        EnterCard(cut, TestCards.Succeeds);
        cut.ClickNow("[data-testid=pay-card]");
        cut.Find("[data-testid=order-confirmed]");
        Assert.Equal(["pi_1"], ctx.Hub.Calls.Where(c => c.Method == nameof(ILiveHub.ConfirmPayment)).Select(c => c.Args[0]).Distinct());
    }

    [Fact]
    public void The_3d_secure_step_is_completed_in_the_panel()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Hub.Answer = (method, _) => method switch
        {
            nameof(ILiveHub.Reserve) => new ReserveResult(ReserveOutcome.Held, "fs-1.h1", T0.AddMinutes(5), 1, 4),
            nameof(ILiveHub.CheckoutTo) => new CheckoutResult(CheckoutOutcome.PaymentRequired, null, null, Intent()),
            nameof(ILiveHub.ConfirmPayment) => new CheckoutResult(CheckoutOutcome.RequiresAction, null, null, Intent(PaymentIntentStates.RequiresAction)),
            nameof(ILiveHub.CompletePayment) => new CheckoutResult(CheckoutOutcome.Confirmed, Order(), null, Intent(PaymentIntentStates.Succeeded)),
            _ => null,
        };
        ctx.Http.On("POST /api/payments/test-challenge/pi_1", HttpStatusCode.OK, Intent(PaymentIntentStates.Succeeded));
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, Sale()).Add(x => x.StreamId, "s1"));
        cut.Find("[data-testid=buy]").Click();
        cut.ClickNow("[data-testid=checkout]");
        EnterCard(cut, TestCards.ThreeDSecure);
        cut.ClickNow("[data-testid=pay-card]");

        cut.Find("[data-testid=three-ds-challenge]");
        cut.ClickNow("[data-testid=three-ds-complete]");
        cut.WaitForElement("[data-testid=order-confirmed]");
        Assert.Contains("\"approve\":true", ctx.Http.To("POST /api/payments/test-challenge/pi_1").Single().Body, StringComparison.Ordinal);
    }
}
