using System.Net;
using LiveCommerce.Client.Features.Console;
using LiveCommerce.Client.Features.Sales;
using LiveCommerce.Client.Features.Streams;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>Buy now (variant and quantity), the brand's orders with refunds, and the flash-sale form's start and errors.</summary>
public sealed class SalesPanelsTests
{
    private static BuyNowOfferDto Offer(int medium = 5, int large = 3) => new("p1", "Silk scarf", 30m, "USD", 10, 300,
        [new BuyNowVariantDto("m-red", "M", "red", medium), new BuyNowVariantDto("l-blue", "L", "blue", large)]);

    private static OrderDto Order(string id = "rs-1.o1", int quantity = 2) =>
        new(id, "u-viewer-sam", "rs-1", "u-brand-glow", [new OrderItemDto("p1", "l-blue", "Silk scarf (L, blue)", quantity, 30m)], 30m * quantity, "USD", "USD",
            "s1", new AttributionRef("s1", "u-host-mia"), "pay-1", T0);

    private static ClientTestContext Buyer(BuyNowOfferDto? offer = null)
    {
        var ctx = new ClientTestContext().SignedIn();
        ctx.Http.Answers["/api/products/p1/buy-now"] = offer ?? Offer();
        return ctx;
    }

    [Fact]
    public void A_viewer_picks_a_variant_and_a_quantity_and_pays_at_list_price()
    {
        using var ctx = Buyer();
        ctx.Hub.Answer = (method, _) => method switch
        {
            nameof(ILiveHub.ReserveItem) => new ReserveResult(ReserveOutcome.Held, "rs-1.h1", T0.AddMinutes(5), 2, 1),
            nameof(ILiveHub.CheckoutTo) => new CheckoutResult(CheckoutOutcome.Confirmed, Order(), null),
            _ => null,
        };
        PurchaseTests.WithAddressBook(ctx);
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.ProductId, "p1").Add(x => x.StreamId, "s1"));

        var variant = cut.WaitForElement("[data-testid=item-variant]");
        Assert.Equal(["M · red (5 left)", "L · blue (3 left)"], variant.QuerySelectorAll("option").Select(o => o.TextContent));
        cut.ChangeNow("[data-testid=item-variant]", "l-blue");
        Assert.Equal("3", cut.Find("[data-testid=item-buy-quantity]").GetAttribute("max")); // the stock left, under the limit of 10
        cut.ChangeNow("[data-testid=item-buy-quantity]", "2");
        cut.ClickNow("[data-testid=item-buy]");
        Assert.Equal("5:00", cut.Find("[data-testid=item-hold-countdown]").TextContent);
        var reserve = Assert.Single(ctx.Hub.Calls);
        Assert.Equal(nameof(ILiveHub.ReserveItem), reserve.Method);
        Assert.Equal(["s1", "p1", "l-blue", 2], reserve.Args.Take(4)); // in the stream watched, the chosen variant and quantity

        ctx.Http.Answers["/api/products/p1/buy-now"] = Offer(large: 1);
        PurchaseTests.WaitForPay(cut, "item-checkout");
        cut.ClickNow("[data-testid=item-checkout]");
        Assert.Contains("2 × Silk scarf (L, blue)", cut.Find("[data-testid=item-order-confirmed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("$60.00", cut.Find("[data-testid=item-order-confirmed]").TextContent, StringComparison.Ordinal);
        Assert.Equal("USD", ctx.Hub.Calls[1].Args[2]);
        cut.ClickNow("[data-testid=item-buy-again]");
        Assert.Contains("L · blue (1 left)", cut.Find("[data-testid=item-variant]").TextContent, StringComparison.Ordinal); // the stock after the order
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("4")] // more than the 3 left
    [InlineData("two")]
    public void A_quantity_out_of_range_is_refused_next_to_the_field_without_a_call(string quantity)
    {
        using var ctx = Buyer();
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.ProductId, "p1").Add(x => x.StreamId, "s1"));
        cut.WaitForElement("[data-testid=item-variant]");
        cut.ChangeNow("[data-testid=item-variant]", "l-blue");
        cut.ChangeNow("[data-testid=item-buy-quantity]", quantity);
        cut.ClickNow("[data-testid=item-buy]");

        Assert.Equal("Choose a quantity from 1 to 3.", cut.Find("[data-testid=error-quantity]").TextContent);
        Assert.Empty(ctx.Hub.Calls);
    }

    [Fact]
    public void Server_refusals_show_by_the_field_they_are_about_and_clear_on_the_next_try()
    {
        using var ctx = Buyer();
        var answers = new Queue<object>([
            new ApiException(ErrorCodes.InvalidQuantity, "The quantity must be between 1 and 10."),
            new ApiException(ErrorCodes.VariantNotFound, "That variant is not one of this product's."),
            new ReserveResult(ReserveOutcome.Held, "rs-1.h1", T0.AddMinutes(5), 1, 4)]);
        ctx.Hub.Answer = (_, _) => answers.Dequeue() switch
        {
            ApiException e => throw e,
            var answer => answer,
        };
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.ProductId, "p1").Add(x => x.StreamId, "s1"));
        cut.WaitForElement("[data-testid=item-variant]");

        cut.ClickNow("[data-testid=item-buy]");
        Assert.Equal("The quantity must be between 1 and 10.", cut.Find("[data-testid=error-quantity]").TextContent);
        Assert.Equal(ErrorCodes.InvalidQuantity, cut.Find("[data-testid=item-buy-problem]").GetAttribute("data-code"));
        cut.ClickNow("[data-testid=item-buy]");
        Assert.Empty(cut.FindAll("[data-testid=error-quantity]"));
        Assert.Equal("That variant is not one of this product's.", cut.Find("[data-testid=error-variantId]").TextContent);
        cut.ClickNow("[data-testid=item-buy]");
        Assert.Empty(cut.FindAll("[data-testid=error-variantId]"));
        Assert.Equal("Held", cut.Find("[data-testid=item-buy-panel]").GetAttribute("data-step"));
    }

    [Fact]
    public void A_sold_out_variant_cannot_be_chosen_and_a_guest_is_asked_to_sign_in()
    {
        using var ctx = Buyer(Offer(medium: 0));
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.ProductId, "p1").Add(x => x.StreamId, "s1"));
        var options = cut.WaitForElement("[data-testid=item-variant]").QuerySelectorAll("option");
        Assert.True(options[0].HasAttribute("disabled"));
        Assert.Equal("M · red (sold out)", options[0].TextContent);
        Assert.Equal("l-blue", cut.Find("[data-testid=item-variant]").GetAttribute("value")); // the first with stock

        using var guest = new ClientTestContext();
        guest.Http.Answers["/api/products/p1/buy-now"] = Offer();
        var asGuest = guest.Render<BuyPanel>(p => p.Add(x => x.ProductId, "p1").Add(x => x.StreamId, "s1"));
        Assert.Equal("Sign in to buy", asGuest.WaitForElement("[data-testid=item-sign-in-to-buy]").TextContent);
    }

    private static ClientTestContext Console()
    {
        var ctx = new ClientTestContext();
        ctx.Services.AddSingleton<StreamsApi>();
        return ctx.SignedIn(Token(role: Roles.Brand, userId: "u-brand-glow", name: "Glow"));
    }

    [Fact]
    public void The_brand_refunds_an_order_after_confirming_and_sees_it_refunded()
    {
        using var ctx = Console();
        var order = Order();
        ctx.Http.Answers["/api/orders/brand?limit=100"] = new[] { new BrandOrderDto(order, null) };
        ctx.Http.On($"POST /api/orders/{order.Id}/refund", HttpStatusCode.OK, order);
        var cut = ctx.Render<BrandOrders>();

        var row = cut.WaitForElement("[data-testid=brand-order]");
        Assert.Equal("false", row.GetAttribute("data-refunded"));
        Assert.Contains("2 × Silk scarf (L, blue)", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("$60.00", cut.Find("[data-testid=brand-order-total]").TextContent);

        cut.Find("[data-testid=refund-order]").Click();
        Assert.Empty(ctx.Http.To($"POST /api/orders/{order.Id}/refund")); // asked first
        cut.Find("[data-testid=keep-order]").Click();
        cut.Find("[data-testid=refund-order]").Click();
        ctx.Http.Answers["/api/orders/brand?limit=100"] = new[] { new BrandOrderDto(order, T0.AddMinutes(1)) };
        cut.Find("[data-testid=confirm-refund]").Click();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=brand-order]").GetAttribute("data-refunded")));
        Assert.Single(ctx.Http.To($"POST /api/orders/{order.Id}/refund"));
        Assert.Contains("Refunded", cut.Find("[data-testid=order-refunded]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=refund-order]"));
    }

    [Fact]
    public void Staff_see_the_brands_orders_without_a_refund_button()
    {
        using var ctx = new ClientTestContext();
        ctx.Services.AddSingleton<StreamsApi>();
        ctx.SignedIn(Token(role: Roles.Brand, userId: "u-staff", name: "Stan", brandId: "b-glow"));
        ctx.Http.Answers["/api/me"] = Me(brands: [new BrandMembershipDto("b-glow", "Glow", BrandRoles.Staff)]);
        ctx.Http.Answers["/api/orders/brand?limit=100"] = new[] { new BrandOrderDto(Order(), null) };
        var cut = ctx.Render<BrandOrders>();

        cut.WaitForElement("[data-testid=brand-order]");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=refund-order]")));
    }

    [Fact]
    public void A_refused_refund_says_why_on_its_row()
    {
        using var ctx = Console();
        var (first, second) = (Order("rs-1.o1"), Order("rs-1.o2"));
        ctx.Http.Answers["/api/orders/brand?limit=100"] = new[] { new BrandOrderDto(first, null), new BrandOrderDto(second, null) };
        ctx.Http.Refuse($"POST /api/orders/{second.Id}/refund", HttpStatusCode.Forbidden, ErrorCodes.NotOwner, "Only the order's brand (a manager or owner) refunds it.");
        var cut = ctx.Render<BrandOrders>();

        var rows = cut.WaitForElements("[data-testid=brand-order]");
        rows[1].QuerySelector("[data-testid=refund-order]")!.Click();
        cut.Find("[data-testid=confirm-refund]").Click();
        var problem = cut.WaitForElement($"[data-order-id='{second.Id}'] [data-testid=refund-error]");
        Assert.Equal("Only the order's brand (a manager or owner) refunds it.", problem.TextContent);
        Assert.Empty(cut.FindAll($"[data-order-id='{first.Id}'] [data-testid=refund-error]"));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("es-ES")]
    [InlineData("zh-Hans")]
    public void The_flash_sale_start_keeps_what_was_entered_and_is_sent_as_entered(string culture)
    {
        using var ctx = new ClientTestContext(culture);
        ctx.Services.AddSingleton<StreamsApi>();
        ctx.SignedIn(Token(role: Roles.Brand, userId: "u-brand-glow", name: "Glow"));
        ctx.Http.Answers["/api/streams?status=live&limit=50"] = new[] { Stream("s1") };
        ctx.Http.Answers["/api/streams?status=upcoming&limit=50"] = Array.Empty<StreamDto>();
        ctx.Http.Answers["/api/flash-sales?streamId=s1"] = Array.Empty<FlashSaleDto>();
        var products = new[] { new ProductDto("p1", "u-brand-glow", "Glow", "Serum", "", new Money(24.99m, "USD"), 7, [], [], [], T0) };
        var cut = ctx.Render<FlashSalesPanel>(p => p.Add(x => x.Products, products));
        var shown = cut.WaitForElement("[data-testid=sale-start]").GetAttribute("value");

        // Half-typed: the browser reports no value. Nothing is put back into the field, and saving says what is missing.
        cut.ChangeNow("[data-testid=sale-start]", "");
        Assert.Equal(shown, cut.Find("[data-testid=sale-start]").GetAttribute("value"));
        cut.ChangeNow("[data-testid=sale-product]", "p1");
        cut.ChangeNow("[data-testid=sale-title]", "Drop");
        cut.Find("[data-testid=sale-stream]").Change(true);
        cut.Find("[data-testid=sale-form]").Submit();
        Assert.NotEmpty(cut.Find("[data-testid=error-startsAt]").TextContent);
        Assert.Empty(ctx.Http.To("POST /api/flash-sales"));

        // Typed or picked in full: the browser's value (ISO, whatever the page's language) is what is sent.
        ctx.Http.Refuse("POST /api/flash-sales", HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        cut.ChangeNow("[data-testid=sale-start]", "2026-12-24T18:30");
        cut.Find("[data-testid=sale-form]").Submit();
        cut.WaitForAssertion(() => Assert.Single(ctx.Http.To("POST /api/flash-sales")));
        var startsAt = DateTimeOffset.Parse(ctx.Http.To("POST /api/flash-sales")[0].Json.GetProperty("startsAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTime(2026, 12, 24, 18, 30, 0), startsAt.ToLocalTime().DateTime);
        Assert.Equal(shown, cut.Find("[data-testid=sale-start]").GetAttribute("value")); // never re-rendered while editing
    }

    [Fact]
    public void A_refused_field_shows_next_to_it_and_clears_after_a_success()
    {
        using var ctx = Console();
        ctx.Http.Answers["/api/streams?status=live&limit=50"] = new[] { Stream("s1") };
        ctx.Http.Answers["/api/streams?status=upcoming&limit=50"] = Array.Empty<StreamDto>();
        ctx.Http.Answers["/api/flash-sales?streamId=s1"] = Array.Empty<FlashSaleDto>();
        var products = new[] { new ProductDto("p1", "u-brand-glow", "Glow", "Serum", "", new Money(24.99m, "USD"), 7, [], [], [], T0) };
        ctx.Http.On("POST /api/flash-sales", HttpStatusCode.BadRequest, new
        {
            type = "about:blank", title = ErrorCodes.ValidationFailed, status = 400, detail = "startsAt must be between now and 60 days ahead.",
            code = ErrorCodes.ValidationFailed, fields = new Dictionary<string, string> { ["startsAt"] = "startsAt must be between now and 60 days ahead." },
        });
        var cut = ctx.Render<FlashSalesPanel>(p => p.Add(x => x.Products, products));
        cut.WaitForElement("[data-testid=sale-stream]").Change(true);
        cut.ChangeNow("[data-testid=sale-product]", "p1");
        cut.ChangeNow("[data-testid=sale-title]", "Drop");
        cut.Find("[data-testid=sale-form]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("startsAt must be between now and 60 days ahead.", cut.Find("[data-testid=error-startsAt]").TextContent));
        Assert.Empty(cut.Find("[data-testid=sale-error]").TextContent); // not repeated away from the field

        ctx.Http.On("POST /api/flash-sales", HttpStatusCode.Created, new FlashSaleDto("fs-1", SaleKind.Flash, "p1", null, "Drop", "u-brand-glow", 9.99m, "USD", 50, 50, 0, 0,
            T0.AddMinutes(10), T0.AddMinutes(15), 2, 300, ["s1"], SaleStatus.Scheduled));
        cut.Find("[data-testid=sale-stream]").Change(true);
        cut.ChangeNow("[data-testid=sale-product]", "p1");
        cut.ChangeNow("[data-testid=sale-title]", "Drop");
        cut.Find("[data-testid=sale-form]").Submit();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=error-startsAt]")));
    }
}
