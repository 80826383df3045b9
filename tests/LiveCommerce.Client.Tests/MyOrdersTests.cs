using System.Net;
using Bunit;
using LiveCommerce.Client.Features.Sales;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>"My orders" with their life (issue 27): live status, tracking, and a return with a reason.</summary>
public sealed class MyOrdersTests
{
    private static OrderDto Order(string status, DateTimeOffset? returnBy = null) =>
        new("fs-1.o1", "u-viewer-sam", "fs-1", "u-brand-glow", [new OrderItemDto("p1", "l-blue", "Silk scarf (L, blue)", 2, 30m)],
            60m, "USD", "USD", "s1", null, "pay-1", T0.AddDays(-3)) { Status = status, ReturnBy = returnBy };

    [Fact]
    public void A_status_change_arrives_without_reloading_with_its_tracking_number()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.Answers["/api/orders/mine?limit=100"] = new[] { Order(OrderStatuses.Paid) };
        var cut = ctx.Render<MyOrders>();
        cut.WaitForElement("[data-testid=order]");
        Assert.Equal("Paid", cut.Find("[data-testid=order-status]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=request-return]"));

        ctx.Hub.Push(nameof(ILiveClient.OrderStatusChanged),
            new OrderStatusChanged("fs-1.o1", OrderStatuses.Packed, OrderStatuses.Shipped, "DHL", "JD0146000012345", T0, null));
        ctx.Hub.Push(nameof(ILiveClient.OrderStatusChanged),
            new OrderStatusChanged("another.o9", OrderStatuses.Paid, OrderStatuses.Cancelled, null, null, T0, null));

        cut.WaitForAssertion(() => Assert.Equal("shipped", cut.Find("[data-testid=order]").GetAttribute("data-status")));
        Assert.Equal("Shipped", cut.Find("[data-testid=order-status]").TextContent);
        Assert.Contains("DHL JD0146000012345", cut.Find("[data-testid=order-tracking]").TextContent, StringComparison.Ordinal);
        Assert.Single(ctx.Http.Requests, r => r.PathAndQuery == "/api/orders/mine?limit=100"); // not reloaded
    }

    [Fact]
    public void A_delivered_order_is_returned_with_a_reason_and_a_refusal_shows_next_to_the_reason()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.Answers["/api/orders/mine?limit=100"] = new[] { Order(OrderStatuses.Delivered, T0.AddDays(10)) };
        var cut = ctx.Render<MyOrders>();
        cut.WaitForElement("[data-testid=request-return]").Click();

        ctx.Http.On("POST /api/orders/fs-1.o1/return", HttpStatusCode.BadRequest, new
        {
            type = "about:blank", title = ErrorCodes.ValidationFailed, status = 400, detail = "reason needs at least 3 characters.",
            code = ErrorCodes.ValidationFailed, fields = new Dictionary<string, string> { ["reason"] = "reason needs at least 3 characters." },
        });
        cut.Find("[data-testid=return-reason]").Input("no");
        cut.Find("[data-testid=return-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("at least 3", cut.Find("[data-testid=error-reason]").TextContent, StringComparison.Ordinal));
        Assert.Equal("delivered", cut.Find("[data-testid=order]").GetAttribute("data-status"));

        ctx.Http.On("POST /api/orders/fs-1.o1/return", HttpStatusCode.OK,
            new ReturnDto("rt-1", "fs-1.o1", "u-viewer-sam", "Sam", "Too small", "requested", T0, T0.AddDays(10), [], 60m, "USD"));
        cut.Find("[data-testid=return-reason]").Input("Too small");
        cut.Find("[data-testid=return-form]").Submit();
        cut.WaitForAssertion(() => Assert.Equal("return_requested", cut.Find("[data-testid=order]").GetAttribute("data-status")));
        Assert.Contains("Too small", cut.Find("[data-testid=order-return-reason]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Too small", ctx.Http.To("POST /api/orders/fs-1.o1/return")[^1].Body, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=error-reason]"));
    }

    [Fact]
    public void No_return_is_offered_once_the_window_closed()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.Answers["/api/orders/mine?limit=100"] = new[] { Order(OrderStatuses.Delivered, T0.AddMinutes(-1)) };
        var cut = ctx.Render<MyOrders>();
        cut.WaitForElement("[data-testid=order]");
        Assert.Empty(cut.FindAll("[data-testid=request-return]"));
    }
}
