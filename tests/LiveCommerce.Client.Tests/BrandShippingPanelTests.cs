using System.Net;
using LiveCommerce.Client.Features.Console;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The brand console's shipping section: the brand's return window, refused next to its field, in each language (issue 27).</summary>
public sealed class BrandShippingPanelTests
{
    private const string Route = "/api/brands/u-brand-glow/shipping";

    private static BrandShippingDto Settings(int days) => new("u-brand-glow", "USD", ["US", "DE"], [new("EU", ["DE"], 12m)], true, "US", days);

    private static ClientTestContext Context(string culture = "en-US")
    {
        var ctx = new ClientTestContext(culture);
        ctx.SignedIn(Token(userId: "u-brand-glow", name: "Glow", role: Roles.Brand, brandId: "u-brand-glow"));
        ctx.Http.Answers[Route] = Settings(14);
        return ctx;
    }

    [Theory]
    [InlineData("en-US", "Shipping and returns", "Return window (days after delivery)")]
    [InlineData("es-ES", "Envíos y devoluciones", "Plazo de devolución (días tras la entrega)")]
    [InlineData("zh-CN", "配送与退货", "退货期限（签收后天数）")]
    public void The_return_window_field_is_labelled_in_the_viewers_language_and_shows_the_brands_window(string culture, string heading, string label)
    {
        using var ctx = Context(culture);
        var cut = ctx.Render<BrandShippingPanel>();
        cut.WaitForElement("[data-testid=return-window-days]");
        Assert.Equal(heading, cut.Find("#shipping-heading").TextContent);
        Assert.Equal(label, cut.Find("label[for=sh-return-days]").TextContent);
        Assert.Equal("14", cut.Find("[data-testid=return-window-days]").GetAttribute("value"));
    }

    [Fact]
    public void A_refused_window_shows_next_to_its_field_and_a_later_save_clears_it_keeping_the_rest_of_the_settings()
    {
        using var ctx = Context();
        const string message = "returnWindowDays must be 0 to 365 days after delivery.";
        ctx.Http.On("PUT " + Route, HttpStatusCode.BadRequest, new
        {
            type = "about:blank", title = ErrorCodes.InvalidReturnWindow, status = 400, detail = message, code = ErrorCodes.InvalidReturnWindow,
            fields = new Dictionary<string, string> { ["returnWindowDays"] = message },
        });
        var cut = ctx.Render<BrandShippingPanel>();
        cut.WaitForElement("[data-testid=return-window-days]");

        cut.Find("[data-testid=return-window-days]").Change("400");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal(message, cut.Find("[data-testid=error-returnWindowDays]").TextContent));
        Assert.Equal("sh-return-days-error", cut.Find("[data-testid=error-returnWindowDays]").Id);
        Assert.Equal("true", cut.Find("[data-testid=return-window-days]").GetAttribute("aria-invalid"));
        Assert.Empty(cut.Find("[data-testid=shipping-form-error]").TextContent);

        ctx.Http.On("PUT " + Route, HttpStatusCode.OK, Settings(30));
        cut.Find("[data-testid=return-window-days]").Change("30");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Saved.", cut.Find("[data-testid=shipping-saved]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=error-returnWindowDays]"));
        Assert.Equal("30", cut.Find("[data-testid=return-window-days]").GetAttribute("value"));

        // The whole settings go back with the new window: zones, countries and duties stay as they were.
        var sent = ctx.Http.To("PUT " + Route)[^1].Json;
        Assert.Equal(30, sent.GetProperty("returnWindowDays").GetInt32());
        Assert.Equal(["US", "DE"], sent.GetProperty("shipsTo").EnumerateArray().Select(c => c.GetString()));
        Assert.True(sent.GetProperty("collectsImportTaxes").GetBoolean());
        Assert.Equal(12m, sent.GetProperty("zones")[0].GetProperty("fee").GetDecimal());
    }
}
