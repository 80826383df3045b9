using System.Net;
using LiveCommerce.Client.Features.Console;
using LiveCommerce.Client.Features.Sales;
using LiveCommerce.Client.Features.Shopping;
using LiveCommerce.Client.Features.Streams;
using LiveCommerce.Client.Features.Studio;
using LiveCommerce.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>
/// Issue 25's brand console and showcase editor: the product form, variants and partnership invitations show
/// each refusal next to the field that caused it and clear it on a later success; the host builds a showcase
/// from partnered catalogs (search, add, reorder, remove).
/// </summary>
public sealed class CatalogConsoleTests
{
    private static ClientTestContext Context()
    {
        var ctx = new ClientTestContext();
        ctx.Services.AddSingleton<CatalogApi>();
        ctx.Services.AddSingleton<SalesApi>();
        ctx.Services.AddSingleton<StreamsApi>();
        return ctx;
    }

    private static ProductDto Product(string id, string title, string brand = "Glow", IReadOnlyList<ProductVariantDto>? variants = null) =>
        new(id, "u-brand-glow", brand, title, "", new Money(24.99m, "EUR"), variants?.Sum(v => v.Stock) ?? 7, variants ?? [], [], [], T0);

    private static object Refusal(string code, string field, string message) =>
        new { type = "about:blank", title = code, status = 400, detail = message, code, fields = new Dictionary<string, string> { [field] = message } };

    [Fact]
    public void A_refused_product_shows_its_reason_next_to_the_field_and_a_later_success_clears_it_and_a_script_title_is_text()
    {
        using var ctx = Context();
        ctx.SignedIn(Token(userId: "u-brand-glow", name: "Glow", role: Roles.Brand, brandId: "u-brand-glow"));
        ctx.Http.Answers["/api/products?brand=u-brand-glow&limit=100"] = new[] { Product("p1", "Serum") with { ShipsTo = ["ES", "FR"] } };
        ctx.Http.On("POST /api/products", HttpStatusCode.BadRequest, Refusal(ErrorCodes.ValidationFailed, "stock", "stock must be between 0 and 1000000."));
        var cut = ctx.Render<BrandConsole>();
        cut.WaitForElements("[data-testid=product]");

        // The new product starts in the brand's currency and shipping countries.
        Assert.Equal("EUR", cut.Find("[data-testid=new-product-currency]").GetAttribute("value"));
        Assert.Equal("ES, FR", cut.Find("[data-testid=new-product-ships-to]").GetAttribute("value"));

        cut.Find("[data-testid=new-product-title]").Change("<script>alert(1)</script> Tee");
        cut.Find("[data-testid=new-product-stock]").Change("-1");
        cut.Find("[data-testid=new-product-categories]").Change("Apparel, gifts");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("stock must be between 0 and 1000000.", cut.Find("[data-testid=error-stock]").TextContent));
        Assert.Equal("np-stock-error", cut.Find("[data-testid=error-stock]").Id);
        Assert.Empty(cut.Find("[data-testid=create-product-error]").TextContent);
        Assert.Empty(cut.Find("[data-testid=console-error]").TextContent);
        var sent = ctx.Http.To("POST /api/products")[0].Json;
        Assert.Equal(["Apparel", "gifts"], sent.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["ES", "FR"], sent.GetProperty("shipsTo").EnumerateArray().Select(c => c.GetString()));

        ctx.Http.On("POST /api/products", HttpStatusCode.Created, Product("p2", "<script>alert(1)</script> Tee"));
        cut.Find("[data-testid=new-product-stock]").Change("3");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=product]").Count));
        Assert.Empty(cut.FindAll("[data-testid=error-stock]"));
        var title = cut.Find("[data-testid=product][data-product-id=p2] [data-testid=product-title]");
        Assert.Equal("<script>alert(1)</script> Tee", title.TextContent);
        Assert.Empty(title.Children);
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_product_form_waits_for_the_brands_products_so_nothing_typed_is_wiped_when_they_arrive()
    {
        using var ctx = Context();
        ctx.SignedIn(Token(userId: "u-brand-glow", name: "Glow", role: Roles.Brand, brandId: "u-brand-glow"));
        var products = new TaskCompletionSource<HttpResponseMessage>();
        ctx.Http.Routes["GET /api/products?brand=u-brand-glow&limit=100"] = _ => products.Task;
        var cut = ctx.Render<BrandConsole>();

        // While the products load there is no field to type into (it would start over when they came).
        cut.WaitForElement("[data-testid=new-product-loading]");
        Assert.Empty(cut.FindAll("[data-testid=new-product-title]"));
        Assert.Equal("true", cut.Find("[data-testid=new-product]").GetAttribute("aria-busy"));

        products.SetResult(ScriptedHttp.Json(HttpStatusCode.OK, new[] { Product("p1", "Serum") }));
        cut.WaitForAssertion(() => Assert.Equal("EUR", cut.Find("[data-testid=new-product-currency]").GetAttribute("value")));
        Assert.Empty(cut.FindAll("[data-testid=new-product-loading]"));
        Assert.Equal("false", cut.Find("[data-testid=new-product]").GetAttribute("aria-busy"));
    }

    [Fact]
    public void Two_variants_save_on_their_route_and_a_refused_stock_shows_on_its_row()
    {
        using var ctx = Context();
        var saved = Product("p1", "Tee", variants: [new("v1", "S", "Sand", 3), new("v2", "M", "Sand", 5)]) with { UpdatedAt = T0.AddMinutes(1) };
        ctx.Http.On("PUT /api/products/p1/variants", HttpStatusCode.BadRequest, Refusal(ErrorCodes.ValidationFailed, "variants[1].stock", "variants[1].stock must be between 0 and 1000000."));
        ProductDto? reported = null;
        var cut = ctx.Render<VariantEditor>(p => p.Add(x => x.Product, Product("p1", "Tee")).Add(x => x.OnSaved, (ProductDto d) => reported = d));

        cut.Find("[data-testid=add-variant]").Click();
        cut.Find("[data-testid=add-variant]").Click();
        Fill(cut, 0, "variant-size", "S");
        Fill(cut, 0, "variant-color", "Sand");
        Fill(cut, 0, "variant-stock", "3");
        Fill(cut, 1, "variant-size", "M");
        Fill(cut, 1, "variant-stock", "-5");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("variants[1].stock must be between 0 and 1000000.",
            cut.FindAll("[data-testid=variant-row]")[1].QuerySelector("[data-testid=error-variants\\[1\\]\\.stock]")!.TextContent));
        Assert.Empty(cut.Find("[data-testid=variants-status]").TextContent);
        Assert.Equal("Remove variant 2", cut.FindAll("[data-testid=remove-variant]")[1].GetAttribute("aria-label"));

        ctx.Http.On("PUT /api/products/p1/variants", HttpStatusCode.OK, saved);
        Fill(cut, 1, "variant-stock", "5");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Saved", cut.Find("[data-testid=variants-status]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid^=error-]"));
        var body = ctx.Http.To("PUT /api/products/p1/variants")[^1].Json.GetProperty("variants");
        Assert.Equal([("S", "Sand", 3), ("M", null, 5)], body.EnumerateArray().Select(v =>
            (v.GetProperty("size").GetString(), v.GetProperty("color").GetString(), v.GetProperty("stock").GetInt32())));
        Assert.Equal(8, reported!.Stock);
    }

    [Fact]
    public void Editing_a_products_details_sends_categories_and_countries_and_a_bad_country_is_said_next_to_it()
    {
        using var ctx = Context();
        var tee = Product("p1", "Tee") with { Categories = ["apparel"], ShipsTo = ["ES"] };
        ctx.Http.On("PUT /api/products/p1", HttpStatusCode.BadRequest, Refusal(ErrorCodes.ValidationFailed, "shipsTo", "shipsTo must list ISO 3166-1 alpha-2 country codes in upper case, e.g. US, ES."));
        var cut = ctx.Render<ProductDetailsEditor>(p => p.Add(x => x.Product, tee));
        Assert.Equal("apparel", cut.Find("[data-testid=edit-categories]").GetAttribute("value"));

        cut.Find("[data-testid=edit-ships-to]").Change("es, Spain");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.StartsWith("shipsTo must list", cut.Find("[data-testid=error-shipsTo]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.Find("[data-testid=details-status]").TextContent);
        Assert.Equal(["ES", "SPAIN"], ctx.Http.To("PUT /api/products/p1")[0].Json.GetProperty("shipsTo").EnumerateArray().Select(c => c.GetString()));

        ctx.Http.On("PUT /api/products/p1", HttpStatusCode.OK, tee with { ShipsTo = ["ES", "FR"], UpdatedAt = T0.AddMinutes(1) });
        cut.Find("[data-testid=edit-ships-to]").Change("es, fr");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Saved", cut.Find("[data-testid=details-status]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=error-shipsTo]"));
    }

    [Fact]
    public void A_brand_invites_a_host_by_handle_sees_names_and_an_unknown_handle_is_said_next_to_the_handle()
    {
        using var ctx = Context();
        ctx.SignedIn(Token(userId: "u-brand-kite", name: "Kite", role: Roles.Brand, brandId: "u-brand-kite"));
        ctx.Http.Answers["/api/partnerships"] = Array.Empty<PartnershipDto>();
        ctx.Http.On("PUT /api/partnerships", HttpStatusCode.NotFound, Refusal(ErrorCodes.UnknownUser, "hostHandle", "No host with the handle @lion."));
        var cut = ctx.Render<BrandPartnerships>();
        cut.WaitForAssertion(() => Assert.Contains("No partnerships yet.", cut.Markup, StringComparison.Ordinal));

        cut.Find("[data-testid=partner-host]").Change("@lion");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("No host with the handle @lion.", cut.Find("[data-testid=error-hostHandle]").TextContent));
        Assert.Equal("true", cut.Find("[data-testid=partner-host]").GetAttribute("aria-invalid"));
        Assert.Empty(cut.Find("[data-testid=partnership-form-error]").TextContent);

        ctx.Http.On("PUT /api/partnerships", HttpStatusCode.OK,
            new PartnershipDto("u-brand-kite", "u-host-leo", 12.5m, [], new Dictionary<string, decimal>(), T0, null)
            {
                Status = PartnershipStatus.Pending, HostName = "Leo García", HostHandle = "leo", BrandName = "Kite Outdoor",
            });
        cut.Find("[data-testid=partner-host]").Change("leo");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Leo García", cut.Find("[data-testid=partnership-host-name]").TextContent));
        Assert.Equal("@leo", cut.Find("[data-testid=partnership-host-handle]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=error-hostHandle]"));
        Assert.Equal("End the partnership with Leo García", cut.Find("[data-testid=end-partnership]").GetAttribute("aria-label"));
        Assert.Equal("leo", ctx.Http.To("PUT /api/partnerships")[^1].Json.GetProperty("hostHandle").GetString());
    }

    [Fact]
    public void The_host_searches_partnered_catalogs_adds_reorders_and_removes_and_a_refused_product_is_said_beside_the_showcase()
    {
        using var ctx = Context();
        ctx.SignedIn(Token(userId: "u-host-mia", name: "Mia", role: Roles.Host));
        var (serum, oil, lamp) = (Product("p1", "Glow Serum"), Product("p2", "Lip Oil"), Product("p9", "Kite lamp", brand: "Kite"));
        ctx.Http.Answers["/api/streams/s1/showcase"] = new[] { serum };
        ctx.Http.Answers["/api/catalog/partnered?q=oil"] = new[] { oil, lamp };
        var cut = ctx.Render<ShowcasePanel>(p => p.Add(x => x.StreamId, "s1").Add(x => x.Actions, new StudioActions()));
        cut.WaitForElements("[data-testid=showcase-item]");

        cut.Find("[data-testid=showcase-search]").Change("oil");
        cut.Find("[data-testid=showcase-search-form]").Submit();
        cut.WaitForElements("[data-testid=showcase-result]");
        Assert.Equal("Add Lip Oil to the showcase", cut.Find("[data-testid=showcase-result][data-product-id=p2] [data-testid=add-to-showcase]").GetAttribute("aria-label"));

        ctx.Http.On("PUT /api/streams/s1/showcase", HttpStatusCode.OK, new[] { serum, oil });
        cut.ClickNow("[data-testid=showcase-result][data-product-id=p2] [data-testid=add-to-showcase]");
        cut.WaitForAssertion(() => Assert.Equal(["p1", "p2"], cut.FindAll("[data-testid=showcase-item]").Select(e => e.GetAttribute("data-product-id"))));
        Assert.Equal(["p1", "p2"], Ids(ctx));
        Assert.True(cut.Find("[data-testid=showcase-result][data-product-id=p2] [data-testid=add-to-showcase]").HasAttribute("disabled"));

        // A product of a brand without an accepted partnership: refused, said beside the showcase, the list unchanged.
        ctx.Http.Routes["PUT /api/streams/s1/showcase"] = _ => Task.FromResult(ScriptedHttp.Json(HttpStatusCode.Forbidden,
            new { title = ErrorCodes.NotPartnered, status = 403, detail = "x", code = ErrorCodes.NotPartnered, fields = new Dictionary<string, string> { ["productIds"] = "You have no accepted partnership with Kite covering \"Kite lamp\"." } }));
        cut.ClickNow("[data-testid=showcase-result][data-product-id=p9] [data-testid=add-to-showcase]");
        cut.WaitForAssertion(() => Assert.Equal("You have no accepted partnership with Kite covering \"Kite lamp\".", cut.Find("[data-testid=showcase-error]").TextContent));
        Assert.Equal(2, cut.FindAll("[data-testid=showcase-item]").Count);

        // Reorder from the keyboard's buttons, then remove; the error clears on success.
        ctx.Http.On("PUT /api/streams/s1/showcase", HttpStatusCode.OK, new[] { oil, serum });
        Assert.True(cut.Find("[data-testid=showcase-item][data-product-id=p1] [data-testid=showcase-move-up]").HasAttribute("disabled"));
        Assert.Equal("Move Glow Serum down", cut.Find("[data-testid=showcase-item][data-product-id=p1] [data-testid=showcase-move-down]").GetAttribute("aria-label"));
        cut.ClickNow("[data-testid=showcase-item][data-product-id=p1] [data-testid=showcase-move-down]");
        cut.WaitForAssertion(() => Assert.Equal(["p2", "p1"], cut.FindAll("[data-testid=showcase-item]").Select(e => e.GetAttribute("data-product-id"))));
        Assert.Equal(["p2", "p1"], Ids(ctx));
        Assert.Empty(cut.Find("[data-testid=showcase-error]").TextContent);

        ctx.Http.On("PUT /api/streams/s1/showcase", HttpStatusCode.OK, new[] { oil });
        cut.ClickNow("[data-testid=showcase-item][data-product-id=p1] [data-testid=showcase-remove]");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=showcase-item]")));
        Assert.Equal(["p2"], Ids(ctx));
    }

    private static void Fill(IRenderedComponent<VariantEditor> cut, int row, string testId, string value) =>
        cut.InvokeAsync(() => cut.FindAll("[data-testid=variant-row]")[row].QuerySelector($"[data-testid={testId}]")!.Change(value)).GetAwaiter().GetResult();

    private static IEnumerable<string?> Ids(ClientTestContext ctx) =>
        ctx.Http.To("PUT /api/streams/s1/showcase")[^1].Json.GetProperty("productIds").EnumerateArray().Select(e => e.GetString());
}
