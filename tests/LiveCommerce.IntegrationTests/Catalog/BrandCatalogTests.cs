using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.PartnerConsent;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Catalog;

/// <summary>
/// Issue 25's brand console over real HTTP on two nodes: variants with their own route, partnerships
/// proposed by the host's handle and shown with names, and the host's search of partnered catalogs for
/// the showcase. Every refusal has its stable code and names the field a form shows it next to.
/// </summary>
public sealed class BrandCatalogTests(Cluster cluster) : IClassFixture<Cluster>
{
    [Fact]
    public async Task Variants_are_read_and_replaced_on_their_own_route_and_bad_ones_are_refused_by_field()
    {
        var (a, b) = (cluster.A, cluster.B);
        using var glow = await AsAsync(a, "glow");
        var tee = await CreateAsync(glow, new ProductRequest("Linen tee", "Soft", new Money(25m, "EUR"), 7, null, []) { Categories = ["Apparel"], ShipsTo = ["ES", "FR"] });
        Assert.Equal(["apparel"], tee.Categories);
        Assert.Equal(["ES", "FR"], tee.ShipsTo);
        Assert.Empty(await LiveApi.ReadAsync<List<ProductVariantDto>>(await b.Http.GetAsync($"/api/products/{tee.Id}/variants")));

        // Two variants: the product's stock is their sum, and each new one gets its own sku.
        var saved = await LiveApi.ReadAsync<ProductDto>(await glow.PutAsJsonAsync($"/api/products/{tee.Id}/variants",
            new ProductVariantsRequest([new VariantRequest(null, "S", "Sand", 3), new VariantRequest(null, "M", "Sand", 5)]), LiveApi.Json));
        Assert.Equal(8, saved.Stock);
        var variants = await LiveApi.ReadAsync<List<ProductVariantDto>>(await b.Http.GetAsync($"/api/products/{tee.Id}/variants"));
        Assert.Equal([("S", 3), ("M", 5)], variants.Select(v => (v.Size!, v.Stock)));
        Assert.Equal(2, variants.Select(v => v.Sku).Distinct().Count());

        // Keeping one by its sku and adding another keeps the skus apart; the categories and countries stay.
        var kept = await LiveApi.ReadAsync<ProductDto>(await glow.PutAsJsonAsync($"/api/products/{tee.Id}/variants",
            new ProductVariantsRequest([new VariantRequest(variants[1].Sku, "M", "Sand", 4), new VariantRequest(null, "L", "Sand", 2)]), LiveApi.Json));
        Assert.Equal((6, 2), (kept.Stock, kept.Variants.Select(v => v.Sku).Distinct().Count()));
        Assert.Equal(["ES", "FR"], kept.ShipsTo);

        // Another product's variant is not this one's.
        var other = await CreateAsync(glow, new ProductRequest("Wool tee", null, new Money(30m, "EUR"), 0, [new VariantRequest("wool-s", "S", null, 1)], []));
        await AssertRefusedAsync(HttpStatusCode.NotFound, ErrorCodes.VariantNotFound, "variants[0].sku",
            await glow.PutAsJsonAsync($"/api/products/{tee.Id}/variants", new ProductVariantsRequest([new VariantRequest("wool-s", "S", null, 1)]), LiveApi.Json));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed, "variants[1].stock",
            await glow.PutAsJsonAsync($"/api/products/{tee.Id}/variants", new ProductVariantsRequest([new VariantRequest(null, "S", null, 1), new VariantRequest(null, "M", null, -1)]), LiveApi.Json));
        using (var kite = await AsAsync(b, "kite"))
        {
            await AssertRefusedAsync(HttpStatusCode.Forbidden, ErrorCodes.NotOwner, null,
                await kite.PutAsJsonAsync($"/api/products/{other.Id}/variants", new ProductVariantsRequest([]), LiveApi.Json));
        }

        // Nothing was saved by the refusals.
        Assert.Equal(6, (await LiveApi.ReadAsync<ProductDto>(await b.Http.GetAsync($"/api/products/{tee.Id}"))).Stock);
    }

    [Fact]
    public async Task A_product_form_is_refused_field_by_field_and_a_script_in_a_title_is_kept_as_text()
    {
        using var glow = await AsAsync(cluster.A, "glow");
        await AssertRefusedAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed, "title",
            await glow.PostAsJsonAsync("/api/products", new ProductRequest(" ", null, new Money(5m, "USD"), 1, null, []), LiveApi.Json));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed, "title",
            await glow.PostAsJsonAsync("/api/products", new ProductRequest(new string('x', 121), null, new Money(5m, "USD"), 1, null, []), LiveApi.Json));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed, "price",
            await glow.PostAsJsonAsync("/api/products", new ProductRequest("Tee", null, new Money(-5m, "USD"), 1, null, []), LiveApi.Json));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed, "stock",
            await glow.PostAsJsonAsync("/api/products", new ProductRequest("Tee", null, new Money(5m, "USD"), -1, null, []), LiveApi.Json));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed, "currency",
            await glow.PostAsJsonAsync("/api/products", new ProductRequest("Tee", null, new Money(5m, "usd"), 1, null, []), LiveApi.Json));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed, "shipsTo",
            await glow.PostAsJsonAsync("/api/products", new ProductRequest("Tee", null, new Money(5m, "USD"), 1, null, []) { ShipsTo = ["Spain"] }, LiveApi.Json));

        var script = await CreateAsync(glow, new ProductRequest("<script>alert(1)</script> Tee", null, new Money(5m, "USD"), 1, null, []));
        Assert.Equal("<script>alert(1)</script> Tee", script.Title);
    }

    [Fact]
    public async Task A_brand_invites_a_host_by_handle_and_both_see_names_not_ids()
    {
        var (a, b) = (cluster.A, cluster.B);
        using var kite = await AsAsync(a, "kite");
        var proposed = await LiveApi.ReadAsync<PartnershipDto>(await kite.PutAsJsonAsync("/api/partnerships",
            new PartnershipRequest(null, 12.5m, null, null, null, null) { HostHandle = "@Leo" }, LiveApi.Json));
        Assert.Equal(("u-host-leo", "leo", PartnershipStatus.Pending), (proposed.HostId, proposed.HostHandle, proposed.Status));
        Assert.False(string.IsNullOrEmpty(proposed.HostName));
        Assert.False(string.IsNullOrEmpty(proposed.BrandName));

        var seenByLeo = Assert.Single(await PartnerApi.ListAsync(b, "leo"), p => p.BrandId == "u-brand-kite");
        Assert.Equal(proposed.BrandName, seenByLeo.BrandName);
        var accepted = await LiveApi.ReadAsync<PartnershipDto>(await PartnerApi.AcceptAsync(b, "leo", "u-brand-kite"));
        Assert.Equal((PartnershipStatus.Accepted, "leo"), (accepted.Status, accepted.HostHandle));
        var listed = Assert.Single(await PartnerApi.ListAsync(a, "kite"), p => p.HostId == "u-host-leo");
        Assert.Equal((PartnershipStatus.Accepted, "leo", proposed.HostName), (listed.Status, listed.HostHandle, listed.HostName));

        // Old clients still name the host by id.
        var byId = await LiveApi.ReadAsync<PartnershipDto>(await kite.PutAsJsonAsync("/api/partnerships",
            new PartnershipRequest("u-host-mia", 10m, null, null, null, null), LiveApi.Json));
        Assert.Equal(("u-host-mia", "mia"), (byId.HostId, byId.HostHandle));

        // Refusals, each on its field; nothing saved.
        await AssertRefusedAsync(HttpStatusCode.NotFound, ErrorCodes.UnknownUser, "hostHandle",
            await kite.PutAsJsonAsync("/api/partnerships", new PartnershipRequest(null, 10m, null, null, null, null) { HostHandle = "nobody-here" }, LiveApi.Json));
        await AssertRefusedAsync(HttpStatusCode.NotFound, ErrorCodes.UnknownUser, "hostHandle",
            await kite.PutAsJsonAsync("/api/partnerships", new PartnershipRequest(null, 10m, null, null, null, null) { HostHandle = "sam" }, LiveApi.Json));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed, "hostHandle",
            await kite.PutAsJsonAsync("/api/partnerships", new PartnershipRequest(null, 10m, null, null, null, null), LiveApi.Json));
        foreach (var rate in new[] { 0m, -5m, 101m, 12.345m })
        {
            await AssertRefusedAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidCommissionRate, "commissionRate",
                await kite.PutAsJsonAsync("/api/partnerships", new PartnershipRequest(null, rate, null, null, null, null) { HostHandle = "leo" }, LiveApi.Json));
        }

        Assert.Equal(12.5m, Assert.Single(await PartnerApi.ListAsync(a, "kite"), p => p.HostId == "u-host-leo").CommissionRate);

        // The brand ends it: the host sees it ended, by name.
        var ended = await LiveApi.ReadAsync<PartnershipDto>(await PartnerApi.EndAsync(a, "kite", "u-brand-kite", "u-host-mia"));
        Assert.Equal((PartnershipStatus.Ended, "mia"), (ended.Status, ended.HostHandle));
    }

    [Fact]
    public async Task A_host_searches_only_accepted_partners_catalogs_and_a_showcase_from_another_brand_is_refused()
    {
        var (a, b) = (cluster.A, cluster.B);
        using var glow = await AsAsync(a, "glow");
        var serum = await CreateAsync(glow, new ProductRequest("Aurora night serum", null, new Money(42m, "USD"), 9, null, []) { Categories = ["Skincare"] });
        using var host0 = await AsAsync(b, "host0");
        Assert.Empty(await SearchAsync(host0, "aurora"));

        // Proposed only: still nothing to add.
        await glow.PutAsJsonAsync("/api/partnerships", new PartnershipRequest(null, 15m, null, null, null, null) { HostHandle = "host0" }, LiveApi.Json);
        Assert.Empty(await SearchAsync(host0, "aurora"));

        await PartnerApi.AcceptAsync(b, "host0", "u-brand-glow");
        Assert.Contains(await SearchAsync(host0, "aurora"), p => p.Id == serum.Id);
        Assert.Contains(await SearchAsync(host0, "SKINCARE night"), p => p.Id == serum.Id);
        Assert.DoesNotContain(await SearchAsync(host0, "aurora zebra"), p => p.Id == serum.Id);
        Assert.Contains(await SearchAsync(host0, null), p => p.Id == serum.Id);
        Assert.All(await SearchAsync(host0, null), p => Assert.Equal("u-brand-glow", p.BrandId));

        using (var brand = await AsAsync(a, "glow"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await brand.GetAsync("/api/catalog/partnered?q=aurora")).StatusCode);
        }

        // The showcase takes the partnered product; a product of a brand host0 never accepted is refused on productIds.
        using var kite = await AsAsync(a, "kite");
        var kiteProduct = await CreateAsync(kite, new ProductRequest("Kite lamp", null, new Money(15m, "USD"), 3, null, []));
        var stream = await Cluster.ScheduleAsync(b, "host0");
        using (var ok = await host0.PutAsJsonAsync($"/api/streams/{stream.Id}/showcase", new ShowcaseRequest([serum.Id]), LiveApi.Json))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await AssertRefusedAsync(HttpStatusCode.Forbidden, ErrorCodes.NotPartnered, "productIds",
            await host0.PutAsJsonAsync($"/api/streams/{stream.Id}/showcase", new ShowcaseRequest([serum.Id, kiteProduct.Id]), LiveApi.Json));
        var showcase = await LiveApi.ReadAsync<List<ProductDto>>(await a.Http.GetAsync($"/api/streams/{stream.Id}/showcase"));
        Assert.Equal([serum.Id], showcase.Select(p => p.Id));
    }

    private static async Task<List<ProductDto>> SearchAsync(HttpClient host, string? q) =>
        await LiveApi.ReadAsync<List<ProductDto>>(await host.GetAsync("/api/catalog/partnered" + (q is null ? "" : "?q=" + Uri.EscapeDataString(q))));

    private static async Task<HttpClient> AsAsync(TestNode node, string handle) => node.Authorized(await node.TokenAsync(handle));

    private static async Task<ProductDto> CreateAsync(HttpClient brand, ProductRequest request) =>
        await LiveApi.ReadAsync<ProductDto>(await brand.PostAsJsonAsync("/api/products", request, LiveApi.Json));

    /// <summary>The status, the stable code, and (when a form shows it next to a field) that field's message.</summary>
    private static async Task AssertRefusedAsync(HttpStatusCode status, string code, string? field, HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
            if (field is not null)
            {
                Assert.True(problem.RootElement.TryGetProperty("fields", out var fields) && fields.TryGetProperty(field, out _), $"no message for {field}: {body}");
            }
        }
    }
}
