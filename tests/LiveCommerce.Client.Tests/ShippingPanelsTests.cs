using System.Net;
using LiveCommerce.Client.Features.Sales;
using LiveCommerce.Client.Features.Shipping;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The address form, the landed-cost breakdown, and the buy panel's address step and ships-to notice.</summary>
public sealed class ShippingPanelsTests
{
    private static ClientTestContext Buyer(string culture = "en-US") => new ClientTestContext(culture).SignedIn();

    private static FlashSaleDto Sale() =>
        new("fs-1", SaleKind.Flash, "p1", null, "Glow Serum flash", "u-brand-glow", 40m, "USD", 10, 5, 5, 0,
            T0, T0.AddMinutes(5), 2, 300, ["s1"], SaleStatus.Live);

    [Fact]
    public void Each_refused_field_says_why_next_to_it_in_the_viewers_language_and_a_later_success_clears_it()
    {
        using var ctx = Buyer("es");
        ctx.Http.On("POST /api/me/addresses", HttpStatusCode.BadRequest, new
        {
            title = ErrorCodes.PostalCodeInvalid, status = 400, detail = "postalCode: not a postal code of DE. line1 is required.", code = ErrorCodes.PostalCodeInvalid,
            fields = new Dictionary<string, string> { ["postalCode"] = "This is not a postal code of DE (e.g. 10115).", ["line1"] = "line1 is required." },
            fieldCodes = new Dictionary<string, string> { ["postalCode"] = ErrorCodes.PostalCodeInvalid, ["line1"] = ErrorCodes.AddressFieldRequired },
        });
        AddressDto? saved = null;
        var cut = ctx.Render<AddressForm>(p => p.Add(x => x.Country, "DE").Add(x => x.OnSaved, (AddressDto a) => saved = a));

        Assert.Equal("DE", cut.Find("[data-testid=address-country]").GetAttribute("value")); // started from the account's country
        cut.Find("[data-testid=address-name]").Change("Lena Schmidt");
        cut.Find("[data-testid=address-city]").Change("Berlin");
        cut.Find("[data-testid=address-postal-code]").Change("1011");
        cut.Find("form").Submit();

        Assert.Equal("Este código postal no corresponde al país.", cut.Find("[data-testid=error-postalCode]").TextContent);
        Assert.Equal("Obligatorio.", cut.Find("[data-testid=error-line1]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=error-city]"));
        Assert.Equal("Revisa los campos señalados.", cut.Find("[data-testid=address-error]").TextContent);
        Assert.Null(saved);
        var sent = ctx.Http.To("POST /api/me/addresses")[0].Json;
        Assert.Equal("1011", sent.GetProperty("postalCode").GetString());
        Assert.Equal("DE", sent.GetProperty("country").GetString());

        ctx.Http.On("POST /api/me/addresses", HttpStatusCode.Created, Address());
        cut.Find("[data-testid=address-line1]").Change("Torstraße 1");
        cut.Find("[data-testid=address-postal-code]").Change("10115");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("a1", saved?.Id));
        Assert.Empty(cut.FindAll("[data-testid=error-postalCode]"));
    }

    [Fact]
    public void The_breakdown_shows_the_viewers_currency_with_the_brands_beside_it_and_what_is_due_on_delivery()
    {
        using var ctx = Buyer();
        var cut = ctx.Render<LandedCostBreakdown>(p => p.Add(x => x.Quote, Quote()));

        Assert.Equal("€36.80 ($40.00)", Text(cut, "landed-items"));
        Assert.Equal("€11.04 ($12.00)", Text(cut, "landed-shipping"));
        Assert.Equal("€3.00 ($3.26)", Text(cut, "landed-duties"));
        Assert.Equal("€9.66 ($10.50)", Text(cut, "landed-taxes"));
        Assert.Equal("€60.50 ($65.76)", Text(cut, "landed-total"));
        Assert.Equal("€47.84 ($52.00)", Text(cut, "landed-pay-now"));
        Assert.Equal("€12.66 ($13.76)", Text(cut, "landed-due"));
        Assert.Contains("VAT (estimate)", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("1 USD = 0.92 EUR", cut.Find("[data-testid=landed-rate]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pin_says_it_does_not_ship_to_the_viewer_before_any_tap()
    {
        using var ctx = Buyer();
        ctx.Http.Answers["/api/shipping/products/p1"] = new ShippingAvailabilityDto("p1", "BR", false, ["CA", "US"]);
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, Sale()).Add(x => x.StreamId, "s1"));

        cut.WaitForAssertion(() => Assert.Equal("Doesn't ship to BR.", cut.Find("[data-testid=does-not-ship]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=buy]"));
        Assert.Empty(ctx.Hub.Calls);
    }

    [Fact]
    public void Checkout_asks_where_with_the_default_prefilled_and_shows_the_cost_at_the_door_before_pay()
    {
        using var ctx = Buyer();
        ctx.Http.Answers["/api/me/addresses"] = new[] { Address("a2", "FR", isDefault: false), Address("a1", "DE") };
        ctx.Http.Answers["/api/checkout/quote"] = Quote();
        ctx.Hub.Answer = (method, _) => method switch
        {
            nameof(ILiveHub.Reserve) => new ReserveResult(ReserveOutcome.Held, "fs-1.h1", T0.AddMinutes(5), 1, 4),
            nameof(ILiveHub.CheckoutTo) => new CheckoutResult(CheckoutOutcome.Confirmed,
                new OrderDto("o-1", "u-viewer-sam", "fs-1", "u-brand-glow", [new OrderItemDto("p1", null, "Glow Serum", 1, 40m)], 40m, "USD", "EUR", "s1", null, "pay-1", T0), null),
            _ => null,
        };
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, Sale()).Add(x => x.StreamId, "s1"));

        cut.Find("[data-testid=buy]").Click();
        cut.WaitForAssertion(() => Assert.Equal("€60.50 ($65.76)", Text(cut, "landed-total")));
        Assert.Equal("a1", cut.Find("[data-testid=ship-to]").GetAttribute("value")); // the default, prefilled
        var quote = ctx.Http.To("POST /api/checkout/quote")[0].Json;
        Assert.Equal(("fs-1.h1", "a1"), (quote.GetProperty("holdId").GetString(), quote.GetProperty("addressId").GetString()));

        // Another address: quoted again, and that is where it ships.
        cut.ChangeNow("[data-testid=ship-to]", "a2");
        cut.WaitForAssertion(() => Assert.Equal("a2", ctx.Http.To("POST /api/checkout/quote").Last().Json.GetProperty("addressId").GetString()));
        PurchaseTests.WaitForPay(cut, "checkout");
        cut.ClickNow("[data-testid=checkout]");
        cut.Find("[data-testid=order-confirmed]");
        var checkout = ctx.Hub.Calls.Single(c => c.Method == nameof(ILiveHub.CheckoutTo));
        Assert.Equal("a2", checkout.Args[4]);
    }

    [Fact]
    public void An_address_the_product_does_not_ship_to_keeps_pay_disabled_and_says_why()
    {
        using var ctx = Buyer();
        ctx.Http.Answers["/api/me/addresses"] = new[] { Address("a1", "BR") };
        ctx.Http.Refuse("POST /api/checkout/quote", HttpStatusCode.BadRequest, ErrorCodes.DoesNotShipToCountry);
        ctx.Hub.Answer = (method, _) => method == nameof(ILiveHub.Reserve) ? new ReserveResult(ReserveOutcome.Held, "fs-1.h1", T0.AddMinutes(5), 1, 4) : null;
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, Sale()).Add(x => x.StreamId, "s1"));

        cut.Find("[data-testid=buy]").Click();
        cut.WaitForAssertion(() => Assert.Equal("This product doesn't ship to your address's country.", cut.Find("[data-testid=error-addressId]").TextContent));
        Assert.True(cut.Find("[data-testid=checkout]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_buyer_without_addresses_adds_one_in_the_panel_and_it_is_quoted()
    {
        using var ctx = Buyer();
        ctx.Http.Answers["/api/me/addresses"] = Array.Empty<AddressDto>();
        ctx.Http.On("POST /api/me/addresses", HttpStatusCode.Created, Address());
        ctx.Http.Answers["/api/checkout/quote"] = Quote();
        ctx.Hub.Answer = (method, _) => method == nameof(ILiveHub.Reserve) ? new ReserveResult(ReserveOutcome.Held, "fs-1.h1", T0.AddMinutes(5), 1, 4) : null;
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, Sale()).Add(x => x.StreamId, "s1"));

        cut.Find("[data-testid=buy]").Click();
        cut.WaitForElement("[data-testid=address-form]");
        Assert.True(cut.Find("[data-testid=checkout]").HasAttribute("disabled"));
        cut.Find("[data-testid=address-country]").Change("DE");
        cut.Find("[data-testid=address-name]").Change("Lena Schmidt");
        cut.Find("[data-testid=address-line1]").Change("Torstraße 1");
        cut.Find("[data-testid=address-postal-code]").Change("10115");
        cut.Find("[data-testid=address-city]").Change("Berlin");
        cut.Find("[data-testid=address-form]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("€60.50 ($65.76)", Text(cut, "landed-total")));
        PurchaseTests.WaitForPay(cut, "checkout");
    }

    private static string Text<T>(IRenderedComponent<T> cut, string testId) where T : Microsoft.AspNetCore.Components.IComponent =>
        string.Join(' ', cut.Find($"[data-testid={testId}]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
