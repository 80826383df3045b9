using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// Issue 25's catalog in Chromium: a brand builds a product with variants and stock in the console, invites
/// the host by handle (@leo), the host accepts in the studio and adds the product to a stream's showcase from
/// the search over partnered catalogs. Uses brand1, a demo brand with no catalog or partners of its own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CatalogTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_brand_creates_a_product_with_two_variants_invites_leo_by_handle_and_leo_adds_it_to_a_showcase()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var title = $"Trail tee {tag}";

        // The studio's scheduling form is not this test's subject: leo's upcoming stream is scheduled over HTTP.
        StreamDto stream;
        using (var leoApi = await fx.AsAsync("leo"))
        {
            stream = await BrowserFixture.Read<StreamDto>(await leoApi.PostAsJsonAsync("/api/streams",
                new ScheduleStreamRequest($"Leo's trail picks {tag}", "E2E", DateTimeOffset.UtcNow.AddHours(2), null, null)));
        }

        // 1. The brand creates the product; a currency the platform does not know is said next to the currency, then the product is made.
        await using var brandContext = await fx.ContextAsync("brand1", wide: true);
        var brand = await brandContext.NewPageAsync();
        await brand.GotoAsync("console");
        await Expect(brand.GetByTestId("partnerships")).ToBeVisibleAsync();
        await brand.GetByTestId("new-product-title").FillAsync(title);
        await brand.GetByTestId("new-product-price").FillAsync("30.00");
        await brand.GetByTestId("new-product-currency").FillAsync("XYZ");
        await brand.GetByTestId("new-product-stock").FillAsync("0");
        await brand.GetByTestId("new-product-categories").FillAsync("Apparel, outdoor");
        await brand.GetByTestId("new-product-ships-to").FillAsync("us, es");
        await brand.GetByTestId("create-product").ClickAsync();
        await Expect(brand.GetByTestId("error-currency")).ToContainTextAsync("ISO 4217");
        await brand.GetByTestId("new-product-currency").FillAsync("USD");
        await brand.GetByTestId("create-product").ClickAsync();
        await Expect(brand.GetByTestId("error-currency")).ToHaveCountAsync(0);
        var product = brand.GetByTestId("product").Filter(new() { Has = brand.GetByTestId("product-title").GetByText(title, new() { Exact = true }) });
        await Expect(product).ToHaveCountAsync(1);
        await Expect(product.GetByTestId("product-ships-to")).ToContainTextAsync("ES, US");
        var productId = await product.GetAttributeAsync("data-product-id");

        // Two variants with their stock: the product's stock is their sum.
        await PageSteps.AddVariantsAsync(product, ("S", "Sand", 3), ("M", "Sand", 5));
        var variants = await fx.Node.Http.GetFromJsonAsync<List<ProductVariantDto>>($"/api/products/{productId}/variants");
        Assert.Equal([("S", 3), ("M", 5)], variants!.Select(v => (v.Size!, v.Stock)));

        // 2. The brand invites leo by handle; the list names him.
        await brand.GetByTestId("partner-host").FillAsync("@leo");
        await brand.GetByTestId("partner-rate").FillAsync("12.5");
        await brand.GetByTestId("save-partnership").ClickAsync();
        var partnership = brand.Locator("[data-testid=partnership][data-host-handle=leo]");
        await Expect(partnership).ToHaveAttributeAsync("data-status", nameof(PartnershipStatus.Pending));
        await Expect(partnership.GetByTestId("partnership-host-name")).ToHaveTextAsync("Leo García");
        await Expect(brand.GetByTestId("error-hostHandle")).ToHaveCountAsync(0);

        // 3. Leo accepts in his studio, then builds the stream's showcase from the partnered catalog search.
        await using var leoContext = await fx.ContextAsync("leo", wide: true);
        var leo = await leoContext.NewPageAsync();
        await leo.GotoAsync("studio");
        var offer = leo.Locator("[data-testid=host-partnership][data-brand-id=u-brand1]");
        await Expect(offer).ToHaveAttributeAsync("data-status", nameof(PartnershipStatus.Pending));
        await offer.GetByTestId("accept-partnership").ClickAsync();
        await Expect(offer).ToHaveAttributeAsync("data-status", nameof(PartnershipStatus.Accepted));

        await leo.GotoAsync($"studio/{stream.Id}");
        await Expect(leo).ToHaveURLAsync(new Regex($"/studio/{Regex.Escape(stream.Id)}$"));
        await leo.GetByTestId("showcase-search").FillAsync($"tee {tag}");
        await leo.GetByTestId("showcase-search").PressAsync("Enter");
        var result = leo.Locator($"[data-testid=showcase-result][data-product-id='{productId}']");
        await Expect(result).ToHaveCountAsync(1);
        await result.GetByTestId("add-to-showcase").ClickAsync();
        await Expect(leo.Locator($"[data-testid=showcase-item][data-product-id='{productId}']")).ToHaveCountAsync(1);
        await Expect(leo.GetByTestId("showcase-error")).ToBeEmptyAsync();

        var showcase = await fx.Node.Http.GetFromJsonAsync<List<ProductDto>>($"/api/streams/{stream.Id}/showcase");
        Assert.Equal([productId], showcase!.Select(p => p.Id));

        // The brand's console, opened again, shows leo's accept.
        await brand.ReloadAsync();
        await Expect(partnership).ToHaveAttributeAsync("data-status", nameof(PartnershipStatus.Accepted));
    }
}
