using LiveCommerce.Client.Features.Shopping;
using LiveCommerce.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The product of the share link that brought a viewer, on the watch and home pages.</summary>
public sealed class SharedProductTests
{
    private static ProductDto Product(string id) =>
        new(id, "u-brand-glow", "Glow", "Lip oil " + id, "", new Money(24.99m, "USD"), 10, [], [], [], T0);

    [Fact]
    public void The_shared_product_shows_what_it_is_and_where_to_buy_it()
    {
        using var ctx = new ClientTestContext();
        ctx.Services.AddSingleton<CatalogApi>();
        ctx.Http.Answers["/api/products/p-1"] = Product("p-1");

        var cut = ctx.Render<SharedProduct>(p => p.Add(x => x.ProductId, "p-1").Add(x => x.Status, "In the flash sale above"));

        cut.WaitForAssertion(() => Assert.Equal("Lip oil p-1", cut.Find("[data-testid=shared-product-title]").TextContent));
        Assert.Equal("From your link", cut.Find("h2").TextContent);
        Assert.Equal("In the flash sale above", cut.Find("[data-testid=shared-product-status]").TextContent);
        Assert.Equal("$24.99", cut.Find("[data-testid=price]").TextContent);
    }

    [Theory]
    [InlineData("es-ES", "De tu enlace", "Este producto ya no está disponible.")]
    [InlineData("zh-CN", "来自你打开的链接", "该商品已不再提供。")]
    public void A_product_that_is_gone_says_so_in_the_viewers_language(string culture, string heading, string missing)
    {
        using var ctx = new ClientTestContext(culture);
        ctx.Services.AddSingleton<CatalogApi>();

        var cut = ctx.Render<SharedProduct>(p => p.Add(x => x.ProductId, "p-gone"));

        cut.WaitForAssertion(() => Assert.Equal(missing, cut.Find("[data-testid=shared-product-missing]").TextContent));
        Assert.Equal(heading, cut.Find("h2").TextContent);
    }
}
