using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.IntegrationTests.Shipping;

/// <summary>
/// Two nodes on a PostgreSQL accounts database of their own (the brand's shipping settings and the cast's
/// addresses must not leak into other test classes), real HTTP and SignalR: address books, landed-cost
/// quotes, the ships-to refusal, and someone else's address refused.
/// </summary>
public sealed class ShippingTests(ShippingTests.ShippingCluster cluster) : IClassFixture<ShippingTests.ShippingCluster>
{
    private static AddressRequest Berlin(bool isDefault = true) =>
        new("Lena Schmidt", "Torstraße 1", "3. OG", "Berlin", null, "10115", "DE", "+49 30 1234567", isDefault);

    [Fact]
    public async Task A_buyer_keeps_an_address_book_checked_per_country_exported_and_private()
    {
        using var leo = cluster.A.Authorized(await cluster.A.TokenAsync("leo"));

        // Wrong shapes are refused field by field, with stable codes; nothing is saved.
        var refused = await leo.PostAsJsonAsync("/api/me/addresses", new AddressRequest("Leo", "", null, "Madrid", null, "2801", "ES", null), LiveApi.Json);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ErrorCodes.AddressFieldRequired, problem.GetProperty("fieldCodes").GetProperty("line1").GetString());
        Assert.Equal(ErrorCodes.PostalCodeInvalid, problem.GetProperty("fieldCodes").GetProperty("postalCode").GetString());
        Assert.True(problem.GetProperty("fields").TryGetProperty("postalCode", out _));
        var unknown = await leo.PostAsJsonAsync("/api/me/addresses", Berlin() with { Country = "ZZ" }, LiveApi.Json);
        Assert.Equal(ErrorCodes.CountryNotSupported, await CodeAsync(unknown));
        var hostile = await leo.PostAsJsonAsync("/api/me/addresses", Berlin() with { Line1 = "<script>alert(1)</script>", City = new string('x', 50_000) }, LiveApi.Json);
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        Assert.Empty(await ListAsync(leo));

        // Saved on one node, read on the other; the first is the default, a second marked default takes over.
        var madrid = await LiveApi.ReadAsync<AddressDto>(await leo.PostAsJsonAsync("/api/me/addresses",
            new AddressRequest("Leo García", "Calle Mayor 1", null, "Madrid", null, "28013", "ES", null), LiveApi.Json));
        Assert.True(madrid.IsDefault);
        using var leoOnB = cluster.B.Authorized(await cluster.B.TokenAsync("leo"));
        var berlin = await LiveApi.ReadAsync<AddressDto>(await leoOnB.PostAsJsonAsync("/api/me/addresses", Berlin(), LiveApi.Json));
        var book = await ListAsync(leo);
        Assert.Equal([berlin.Id, madrid.Id], book.Select(a => a.Id));
        Assert.Equal([true, false], book.Select(a => a.IsDefault));

        // An edit normalizes what was typed; deleting the default hands it to the one left.
        var edited = await LiveApi.ReadAsync<AddressDto>(await leo.PutAsJsonAsync($"/api/me/addresses/{madrid.Id}",
            new AddressRequest("Leo García", "Calle Mayor 2", null, "Madrid", null, " 28013 ", "es", null), LiveApi.Json));
        Assert.Equal(("Calle Mayor 2", "28013", "ES"), (edited.Line1, edited.PostalCode, edited.Country));
        (await leo.DeleteAsync($"/api/me/addresses/{berlin.Id}")).EnsureSuccessStatusCode();
        Assert.True(Assert.Single(await ListAsync(leoOnB)).IsDefault);

        // The data export carries the book.
        var export = JsonDocument.Parse(await (await leo.GetAsync("/api/me/export")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Calle Mayor 2", export.GetProperty("addresses")[0].GetProperty("line1").GetString());

        // Someone else's address id: not found, and unchanged.
        using var sam = cluster.A.Authorized(await cluster.A.TokenAsync("sam"));
        Assert.Equal(ErrorCodes.AddressNotFound, await CodeAsync(await sam.PutAsJsonAsync($"/api/me/addresses/{madrid.Id}", Berlin(), LiveApi.Json)));
        Assert.Equal(HttpStatusCode.NotFound, (await sam.DeleteAsync($"/api/me/addresses/{madrid.Id}")).StatusCode);
        Assert.Equal("Calle Mayor 2", Assert.Single(await ListAsync(leo)).Line1);
    }

    [Fact]
    public async Task A_german_buyer_sees_a_us_brands_landed_cost_in_euros_and_the_order_records_it()
    {
        using var glow = cluster.A.Authorized(await cluster.A.TokenAsync("glow"));
        await SetGlowShippingAsync(glow);

        var (stream, product) = await BuyNowApi.PinnedProductAsync(cluster.A, cluster.B, medium: 5, large: 3, price: 40m);
        using var ana = cluster.B.Authorized(await cluster.B.TokenAsync("ana"));
        var home = await LiveApi.ReadAsync<AddressDto>(await ana.PostAsJsonAsync("/api/me/addresses", Berlin(), LiveApi.Json));

        // Before buying: USD 40 + USD 12 shipping; under EUR 150, the EU's EUR 3 flat duty; VAT 19% on all of it.
        var quote = await LiveApi.ReadAsync<LandedCostDto>(await ana.PostAsJsonAsync("/api/checkout/quote",
            new QuoteRequest(ProductId: product.Id, Quantity: 1, AddressId: home.Id, DisplayCurrency: "EUR"), LiveApi.Json));
        Assert.Equal(new LandedAmounts("USD", 40m, 12m, 3.26m, 10.50m, 65.76m, 52m, 13.76m), quote.Brand);
        Assert.Equal("EUR", quote.Display.Currency);
        Assert.Equal((36.80m, 11.04m, 3.00m, 9.66m, 60.50m), (quote.Display.Items, quote.Display.Shipping, quote.Display.Duties, quote.Display.Taxes, quote.Display.Total));
        Assert.Equal(0.92m, quote.FxRate);
        Assert.False(quote.ImportChargesPrepaid);
        Assert.Equal(("DE", "VAT", 0.19m), (quote.Country, quote.TaxName, quote.TaxRate));

        // Someone else's address id cannot be quoted or shipped to.
        using var sam = cluster.A.Authorized(await cluster.A.TokenAsync("sam"));
        Assert.Equal(ErrorCodes.AddressNotFound, await CodeAsync(await sam.PostAsJsonAsync("/api/checkout/quote",
            new QuoteRequest(ProductId: product.Id, AddressId: home.Id), LiveApi.Json)));

        // Paying: the hold, then checkout to the address; the order keeps the address and the figures.
        await using var buyer = await LiveViewer.ConnectAsync(cluster.B.Address, await cluster.B.TokenAsync("ana"), reconnect: false);
        await buyer.JoinAsync(stream.Id);
        var held = await buyer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, 1, "ship-1");
        Assert.Equal(ReserveOutcome.Held, held.Outcome);

        // Another buyer (admin's account is in the UK, where glow ships) cannot ship their own hold to ana's address.
        await using var other = await LiveViewer.ConnectAsync(cluster.A.Address, await cluster.A.TokenAsync("admin"), reconnect: false);
        await other.JoinAsync(stream.Id);
        var otherHold = await other.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Large, 1, "ship-other");
        var stolen = await Assert.ThrowsAsync<HubException>(() => other.Hub.CheckoutTo(otherHold.HoldId!, "ship-other-pay", "USD", "EUR", home.Id));
        Assert.Equal(ErrorCodes.AddressNotFound, ErrorCodes.FromHubError(stolen.Message));

        // The hold's payment intent is for what the quote says is paid now (items + shipping; the carrier collects duties).
        var started = await buyer.Hub.CheckoutTo(held.HoldId!, "ship-pay-1", "USD", "EUR", home.Id);
        Assert.Equal((CheckoutOutcome.PaymentRequired, quote.Brand.PayNow, "USD"), (started.Outcome, started.Payment!.Amount, started.Payment.Currency));
        var paid = await buyer.Hub.ConfirmPayment(started.Payment.Id, TestCards.Card());
        Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
        var order = paid.Order!;
        Assert.Equal(40m, order.Total); // the items, in the brand's currency, as reports count them
        Assert.Equal(("Torstraße 1", "10115", "DE"), (order.ShipTo!.Line1, order.ShipTo.PostalCode, order.ShipTo.Country));
        Assert.Equal(quote.Brand, order.Landed!.Brand);
        Assert.Equal((60.50m, "EUR", 0.92m), (order.Landed.Display.Total, order.Landed.Display.Currency, order.Landed.FxRate));
        var mine = Assert.Single(await LiveApi.ReadAsync<List<OrderDto>>(await ana.GetAsync("/api/orders/mine?limit=10")));
        Assert.Equal("DE", mine.ShipTo?.Country);

        // Editing the book later does not rewrite the order's copy.
        (await ana.PutAsJsonAsync($"/api/me/addresses/{home.Id}", Berlin() with { Line1 = "Neue Straße 5" }, LiveApi.Json)).EnsureSuccessStatusCode();
        Assert.Equal("Torstraße 1", Assert.Single(await LiveApi.ReadAsync<List<OrderDto>>(await ana.GetAsync("/api/orders/mine?limit=10"))).ShipTo?.Line1);
    }

    /// <summary>
    /// The buyer checks out to an address, then deletes it or moves it to another country before the payment settles:
    /// the order ships to the address paid for, with the figures that were charged.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_order_ships_where_the_buyer_paid_for_even_if_the_address_changes_before_the_payment_settles(bool delete)
    {
        using var glow = cluster.A.Authorized(await cluster.A.TokenAsync("glow"));
        await SetGlowShippingAsync(glow);
        var (stream, product) = await BuyNowApi.PinnedProductAsync(cluster.A, cluster.B, medium: 2, large: 2, price: 40m);
        using var admin = cluster.B.Authorized(await cluster.B.TokenAsync("admin"));
        var home = await LiveApi.ReadAsync<AddressDto>(await admin.PostAsJsonAsync("/api/me/addresses", Berlin(isDefault: false), LiveApi.Json));
        await using var buyer = await LiveViewer.ConnectAsync(cluster.A.Address, await cluster.A.TokenAsync("admin"), reconnect: false);
        await buyer.JoinAsync(stream.Id);
        var held = await buyer.Hub.ReserveItem(stream.Id, product.Id, delete ? BuyNowApi.Medium : BuyNowApi.Large, 1, "moved-" + delete);
        Assert.Equal(ReserveOutcome.Held, held.Outcome);
        var started = await buyer.Hub.CheckoutTo(held.HoldId!, "moved-pay-" + delete, "USD", "EUR", home.Id);
        Assert.Equal((CheckoutOutcome.PaymentRequired, 52m), (started.Outcome, started.Payment!.Amount)); // USD 40 + 12 shipping to Germany

        // Before the payment settles, the address in the book is gone, or now in Paris (VAT 20%, not 19%).
        if (delete)
        {
            (await admin.DeleteAsync($"/api/me/addresses/{home.Id}")).EnsureSuccessStatusCode();
        }
        else
        {
            (await admin.PutAsJsonAsync($"/api/me/addresses/{home.Id}",
                new AddressRequest("Lena Schmidt", "1 Rue de Rivoli", null, "Paris", null, "75001", "FR", null, false), LiveApi.Json)).EnsureSuccessStatusCode();
        }

        var paid = await buyer.Hub.ConfirmPayment(started.Payment.Id, TestCards.Card());
        Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
        var order = Assert.Single(await LiveApi.ReadAsync<List<OrderDto>>(await admin.GetAsync("/api/orders/mine?limit=50")), o => o.Id == paid.Order!.Id);
        Assert.Equal(
            (home.Id, "Lena Schmidt", "Torstraße 1", "3. OG", "Berlin", "10115", "DE", "+49 30 1234567"),
            (order.ShipTo?.Id, order.ShipTo?.Name, order.ShipTo?.Line1, order.ShipTo?.Line2, order.ShipTo?.City, order.ShipTo?.PostalCode, order.ShipTo?.Country, order.ShipTo?.Phone));
        Assert.Equal(("DE", 0.19m, 52m), (order.Landed!.Country, order.Landed.TaxRate, order.Landed.Brand.PayNow));
    }

    [Fact]
    public async Task A_product_that_does_not_ship_to_the_buyer_cannot_be_reserved_and_the_pin_says_so_first()
    {
        using var glow = cluster.A.Authorized(await cluster.A.TokenAsync("glow"));
        await SetGlowShippingAsync(glow);
        var (stream, product) = await BuyNowApi.PinnedProductAsync(cluster.A, cluster.B);

        // admin's account says GB: glow ships to GB. A Brazilian address makes Brazil the viewer's country.
        using var mia = cluster.B.Authorized(await cluster.B.TokenAsync("mia"));
        (await mia.PostAsJsonAsync("/api/me/addresses", new AddressRequest("Mia Chen", "Rua Augusta 100", null, "São Paulo", "SP", "01310100", "BR", null), LiveApi.Json))
            .EnsureSuccessStatusCode();

        var availability = await LiveApi.ReadAsync<ShippingAvailabilityDto>(await mia.GetAsync($"/api/shipping/products/{product.Id}"));
        Assert.Equal(("BR", false), (availability.Country, availability.Ships));
        Assert.DoesNotContain("BR", availability.ShipsTo);
        Assert.True((await LiveApi.ReadAsync<ShippingAvailabilityDto>(await mia.GetAsync($"/api/shipping/products/{product.Id}?country=DE"))).Ships);

        await using var viewer = await LiveViewer.ConnectAsync(cluster.B.Address, await cluster.B.TokenAsync("mia"), reconnect: false);
        await viewer.JoinAsync(stream.Id);
        var before = (await BuyNowApi.OfferAsync(cluster.A, product.Id)).Variants.Sum(v => v.Remaining);
        var refused = await Assert.ThrowsAsync<HubException>(() => viewer.Hub.ReserveItem(stream.Id, product.Id, BuyNowApi.Medium, 1, "nowhere-1"));
        Assert.Equal(ErrorCodes.DoesNotShipToCountry, ErrorCodes.FromHubError(refused.Message));
        Assert.Equal(before, (await BuyNowApi.OfferAsync(cluster.A, product.Id)).Variants.Sum(v => v.Remaining)); // nothing held

        // The quote says the same, with the same code.
        Assert.Equal(ErrorCodes.DoesNotShipToCountry, await CodeAsync(await mia.PostAsJsonAsync("/api/checkout/quote",
            new QuoteRequest(ProductId: product.Id, Country: "BR"), LiveApi.Json)));
    }

    [Fact]
    public async Task Only_the_brands_managers_set_its_shipping_and_bad_settings_change_nothing()
    {
        using var glow = cluster.A.Authorized(await cluster.A.TokenAsync("glow"));
        await SetGlowShippingAsync(glow);
        using var kite = cluster.A.Authorized(await cluster.A.TokenAsync("kite"));
        Assert.Equal(HttpStatusCode.Forbidden, (await kite.PutAsJsonAsync("/api/brands/u-brand-glow/shipping",
            new BrandShippingDto("u-brand-glow", "USD", [], [], false), LiveApi.Json)).StatusCode);
        var bad = await glow.PutAsJsonAsync("/api/brands/u-brand-glow/shipping",
            new BrandShippingDto("u-brand-glow", "USD", ["Germany"], [new ShippingZoneDto("EU", ["DE"], -1m)], false), LiveApi.Json);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var kept = await LiveApi.ReadAsync<BrandShippingDto>(await glow.GetAsync("/api/brands/u-brand-glow/shipping"));
        Assert.Equal(12m, kept.Zones.Single(z => z.Countries.Contains("DE")).Fee);
    }

    /// <summary>glow ships from the US to North America, the UK and the EU's big five; not to Brazil.</summary>
    private static async Task SetGlowShippingAsync(HttpClient glow) =>
        (await glow.PutAsJsonAsync("/api/brands/u-brand-glow/shipping", new BrandShippingDto("u-brand-glow", "USD", [],
            [new ShippingZoneDto("North America", ["CA", "US"], 5m), new ShippingZoneDto("Europe", ["DE", "ES", "FR", "GB", "IT", "NL"], 12m)],
            false, "US"), LiveApi.Json)).EnsureSuccessStatusCode();

    private static async Task<List<AddressDto>> ListAsync(HttpClient http) => await LiveApi.ReadAsync<List<AddressDto>>(await http.GetAsync("/api/me/addresses"));

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>Two nodes on the shared Redis and a PostgreSQL accounts database of their own, dev sign-in off.</summary>
    public sealed class ShippingCluster : IAsyncLifetime
    {
        public TestNode A { get; private set; } = null!;

        public TestNode B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var settings = FlashSettings.Fast();
            settings["Auth:EnableDevLogin"] = "false";
            settings["Accounts:ConnectionString"] = await SharedPostgres.CreateDatabaseAsync();
            var redis = await SharedRedis.ConfigurationAsync();
            var prefix = SharedRedis.UniquePrefix();
            A = await TestNode.StartAsync(redis, prefix, settings);
            B = await TestNode.StartAsync(redis, prefix, settings);
        }

        public async Task DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
        }
    }
}
