using LiveCommerce.Client.Features.Shopping;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

public sealed class PinnedProductsTests
{
    [Fact]
    public void The_first_pin_is_featured_and_a_timed_pin_counts_down_on_the_servers_clock()
    {
        using var ctx = new ClientTestContext();
        var cut = ctx.Render<PinnedProducts>(p => p
            .Add(x => x.Pins, [Pin("a", expires: T0.AddSeconds(90)), Pin("b")])
            .Add(x => x.ServerClockOffset, TimeSpan.FromSeconds(30))); // the server is 30 s ahead of this device

        var cards = cut.FindAll("[data-testid=pinned-product]");
        Assert.Equal(["a", "b"], cards.Select(c => c.GetAttribute("data-product-id")));
        Assert.Contains("is-featured", cards[0].ClassName, StringComparison.Ordinal);
        Assert.Equal("Pinned for 1:00", cut.Find("[data-testid=pin-countdown]").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=pin-countdown]"));
    }

    [Fact]
    public void Nothing_pinned_says_so()
    {
        using var ctx = new ClientTestContext();
        var cut = ctx.Render<PinnedProducts>(p => p.Add(x => x.Pins, []));
        Assert.Equal("Nothing is pinned right now.", cut.Find("[data-testid=no-pins]").TextContent);
    }

    [Fact]
    public void Prices_show_in_the_viewers_currency_formatted_by_culture()
    {
        using var ctx = new ClientTestContext("es-ES");
        ctx.Http.Answers["/api/fx/currencies"] = new[] { new CurrencyDto("USD", 2), new CurrencyDto("EUR", 2) };
        ctx.Http.Answers["/api/fx/convert?amount=24.99&from=USD&to=EUR"] =
            new ConvertedPrice(new Money(24.99m, "USD"), new Money(23.12m, "EUR"), 0.925m);
        ctx.JSInterop.Setup<string?>("localStorage.getItem", "livecommerce.currency").SetResult(null); // default: Spain's euro
        ctx.Render<CurrencyPicker>();

        var cut = ctx.Render<PinnedProducts>(p => p.Add(x => x.Pins, [Pin("a")]));

        cut.WaitForAssertion(() =>
        {
            var price = cut.Find("[data-testid=price]");
            Assert.Equal("EUR", price.GetAttribute("data-currency"));
            Assert.Matches(@"^23,12\s€$", price.TextContent);
        });
        Assert.Equal("Compra en directo", cut.Find("h2").TextContent);
    }
}
