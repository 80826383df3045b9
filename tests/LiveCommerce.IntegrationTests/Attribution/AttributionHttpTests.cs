using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Infrastructure.Blob;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using static LiveCommerce.IntegrationTests.Attribution.DayOfActivity;

namespace LiveCommerce.IntegrationTests.Attribution;

/// <summary>One node on real Redis and Azurite, with a generated day of orders projected by its own projector.</summary>
public sealed class AttributionNode : IAsyncLifetime
{
    public TestNode Node { get; private set; } = null!;

    public DayOfActivity Day { get; } = Generate(250, seed: 2026);

    public async Task InitializeAsync()
    {
        Node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(), new Dictionary<string, string?>
        {
            ["Blob:ConnectionString"] = await AzuriteServer.ConnectionStringAsync(),
            ["Blob:Container"] = AzuriteServer.UniqueContainer(),
            ["Attribution:ExportLinkLifetime"] = "00:00:03",
            ["Attribution:PollInterval"] = "00:00:00.050",
        });
        var catalog = Node.Get<ICatalogStore>();
        foreach (var p in Partnerships())
        {
            await catalog.UpsertPartnershipAsync(p);
        }

        // Mia's stream and one product exist, so the report names them; Leo's stream and the sales do not (a gone subject keeps its id only).
        await Node.Get<IStreamStore>().TryCreateAsync(new LiveStream("s-" + Mia, Mia, "Mia Chen", "Glow hour with Mia", "", Start, null, null));
        await catalog.TryCreateProductAsync(new Product("p-lip", Brand, "Glow Cosmetics", "Lip tint", "", new Money(12.99m, "USD"), 100, [], [], [], Start, Start));

        var links = Node.Get<IShareLinkStore>();
        foreach (var (buyer, touch) in Day.Touches)
        {
            await links.RecordTouchAsync(buyer, touch);
        }

        var audience = Node.Get<IAudienceStore>();
        foreach (var (stream, viewers) in Day.Viewers)
        {
            foreach (var viewer in viewers)
            {
                await audience.RecordViewerAsync(stream, stream[2..], DayOfActivity.Day, viewer);
            }

            foreach (var count in Day.Counts[stream])
            {
                await audience.RecordConcurrentAsync(stream, DayOfActivity.Day, count);
            }
        }

        var log = Node.Get<IOrderLog>();
        foreach (var order in Day.Orders)
        {
            await log.AppendAsync(order);
        }

        foreach (var id in Day.Refunded)
        {
            var order = Day.Orders.Single(o => o.Id == id);
            await log.AppendReversalAsync(order, order.CreatedAt.AddHours(1));
        }
    }

    public Task DisposeAsync() => Node.DisposeAsync().AsTask();

    public async Task<HttpClient> AsAsync(string? handle) => handle is null ? Node.Http : Node.Authorized(await Node.TokenAsync(handle));

    /// <summary>The node's projector follows the log in the background: wait until the brand total shows every kept order.</summary>
    public async Task<EarningsReport> SettledBrandReportAsync()
    {
        var glow = await AsAsync("glow");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var report = await LiveApi.ReadAsync<EarningsReport>(await glow.GetAsync("/api/reports/brand?from=2026-03-10&to=2026-03-10&pageSize=500"));
            if (report.Total.Orders == Day.Kept.Count() || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(50);
        }
    }
}

public sealed class AttributionHttpTests(AttributionNode fixture) : IClassFixture<AttributionNode>
{
    private const string Range = "from=2026-03-10&to=2026-03-10";

    [Fact]
    public async Task Report_numbers_for_a_generated_day_match_an_independent_computation()
    {
        var brand = await fixture.SettledBrandReportAsync();
        var day = fixture.Day;
        Assert.Equal(day.ExpectedBrand(), Of(brand.Total));
        Assert.Equal(day.ExpectedBrand(), Of(brand.Rows.Single(r => r.Dimension == "day" && r.Key == "2026-03-10")));
        foreach (var sale in day.Orders.Select(o => o.SaleId).Distinct())
        {
            Assert.Equal(day.ExpectedBrand(o => o.SaleId == sale), Of(brand.Rows.Single(r => r.Dimension == "sale" && r.Key == sale)));
        }

        foreach (var host in new[] { Mia, Leo })
        {
            Assert.Equal(day.ExpectedFor(host), Of(brand.Rows.SingleOrDefault(r => r.Dimension == "influencer" && r.Key == host)));
            Assert.Equal(day.ExpectedBrand(o => o.StreamId == "s-" + host), Of(brand.Rows.Single(r => r.Dimension == "stream" && r.Key == "s-" + host)));
        }

        var mia = await LiveApi.ReadAsync<EarningsReport>(await (await fixture.AsAsync("mia")).GetAsync($"/api/reports/influencer?{Range}"));
        Assert.Equal(day.ExpectedFor(Mia), Of(mia.Total));
        Assert.Equal(day.ExpectedFor(Mia, o => o.StreamId == "s-" + Mia), Of(mia.Rows.Single(r => r.Dimension == "stream" && r.Key == "s-" + Mia)));
        Assert.DoesNotContain(mia.Rows, r => r.Key == "s-" + Leo && r.Dimension == "stream" && day.ExpectedFor(Mia, o => o.StreamId == "s-" + Leo).Item1 == 0);

        // The audience: buyers, unique viewers, peak and conversion, against the generated day.
        foreach (var host in new[] { Mia, Leo })
        {
            var stream = "s-" + host;
            AssertAudience(brand.Rows.Single(r => r.Dimension == "stream" && r.Key == stream), day.BuyersOf(o => o.StreamId == stream), day.ViewersOf(stream), day.Counts[stream].Max());
            AssertAudience(brand.Rows.Single(r => r.Dimension == "influencer" && r.Key == host),
                day.BuyersOf(o => day.ExpectedInfluencer(o) == host), day.ViewersOf(stream), day.Counts[stream].Max());
        }

        var everyStream = new[] { "s-" + Mia, "s-" + Leo };
        var peak = everyStream.Max(s => day.Counts[s].Max());
        AssertAudience(brand.Total, day.BuyersOf(_ => true), day.ViewersOf(everyStream), peak);
        AssertAudience(brand.Rows.Single(r => r.Dimension == "day"), day.BuyersOf(_ => true), day.ViewersOf(everyStream), peak);
        Assert.All(brand.Rows.Where(r => r.Dimension is "product" or "sale"), r => Assert.Null(r.UniqueViewers));
        AssertAudience(mia.Total, day.BuyersOf(o => day.ExpectedInfluencer(o) == Mia), day.ViewersOf("s-" + Mia), day.Counts["s-" + Mia].Max());
        AssertAudience(mia.Rows.Single(r => r.Dimension == "stream" && r.Key == "s-" + Mia),
            day.BuyersOf(o => o.StreamId == "s-" + Mia && day.ExpectedInfluencer(o) == Mia), day.ViewersOf("s-" + Mia), day.Counts["s-" + Mia].Max());

        var asAdmin = await LiveApi.ReadAsync<EarningsReport>(await (await fixture.AsAsync("admin")).GetAsync($"/api/reports/influencer?{Range}&influencerId={Mia}"));
        Assert.Equal(Of(mia.Total), Of(asAdmin.Total));

        // People and things by the names people know them by; the key stays the id.
        Assert.Equal(("Mia Chen", "mia"), NameOf(brand, "influencer", Mia));
        Assert.Equal(("Leo García", "leo"), NameOf(brand, "influencer", Leo));
        Assert.Equal(("Glow hour with Mia", null), NameOf(brand, "stream", "s-" + Mia));
        Assert.Equal(("Glow hour with Mia", null), NameOf(mia, "stream", "s-" + Mia));
        Assert.Equal(("Lip tint", null), NameOf(brand, "product", "p-lip"));
        Assert.Equal((null, null), NameOf(brand, "stream", "s-" + Leo)); // no such stream stored: the id alone
        Assert.All(brand.Rows.Where(r => r.Dimension == "day").Append(brand.Total), r => Assert.Null(r.Name));

        // Shown in another currency through the FX port: same orders, converted money.
        var inEur = await LiveApi.ReadAsync<EarningsReport>(await (await fixture.AsAsync("mia")).GetAsync($"/api/reports/influencer?{Range}&currency=EUR"));
        Assert.Equal("EUR", inEur.Currency);
        Assert.Equal(mia.Total.Orders, inEur.Total.Orders);
        Assert.NotEqual(mia.Total.Gmv, inEur.Total.Gmv);
    }

    private static (string? Name, string? Handle) NameOf(EarningsReport report, string dimension, string key) =>
        report.Rows.Single(r => r.Dimension == dimension && r.Key == key) is var row ? (row.Name, row.Handle) : default;

    private static void AssertAudience(ReportRow row, long buyers, long viewers, long peak)
    {
        Contracts.Estimate.Equal(buyers, row.Buyers);
        Contracts.Estimate.Equal(viewers, row.UniqueViewers!.Value);
        Assert.Equal(peak, row.PeakViewers);
        var conversion = buyers / (decimal)viewers;
        Assert.True(Math.Abs(row.Conversion!.Value - conversion) <= conversion * 0.05m, $"{row.Dimension} {row.Key}: conversion {row.Conversion}, expected about {conversion:0.####}");
    }

    public static TheoryData<string?, string, HttpStatusCode> Matrix() => new()
    {
        // influencer report: a host sees their own, an admin names one, nobody else
        { null, $"/api/reports/influencer?{Range}", HttpStatusCode.Unauthorized },
        { "sam", $"/api/reports/influencer?{Range}", HttpStatusCode.Forbidden },
        { "glow", $"/api/reports/influencer?{Range}", HttpStatusCode.Forbidden },
        { "mia", $"/api/reports/influencer?{Range}", HttpStatusCode.OK },
        { "mia", $"/api/reports/influencer?{Range}&influencerId={Mia}", HttpStatusCode.OK },
        { "mia", $"/api/reports/influencer?{Range}&influencerId={Leo}", HttpStatusCode.Forbidden },
        { "admin", $"/api/reports/influencer?{Range}&influencerId={Leo}", HttpStatusCode.OK },
        { "admin", $"/api/reports/influencer?{Range}", HttpStatusCode.BadRequest },
        // brand report: a brand sees only its own
        { null, $"/api/reports/brand?{Range}", HttpStatusCode.Unauthorized },
        { "sam", $"/api/reports/brand?{Range}", HttpStatusCode.Forbidden },
        { "mia", $"/api/reports/brand?{Range}", HttpStatusCode.Forbidden },
        { "glow", $"/api/reports/brand?{Range}", HttpStatusCode.OK },
        { "kite", $"/api/reports/brand?{Range}&brandId={Brand}", HttpStatusCode.Forbidden },
        { "admin", $"/api/reports/brand?{Range}&brandId={Brand}", HttpStatusCode.OK },
        // ranges and page sizes
        { "glow", "/api/reports/brand?from=2026-03-11&to=2026-03-10", HttpStatusCode.BadRequest },
        { "glow", "/api/reports/brand?from=2025-03-09&to=2026-03-10", HttpStatusCode.BadRequest },
        { "glow", "/api/reports/brand?from=2025-03-10&to=2026-03-10", HttpStatusCode.OK },
        { "glow", "/api/reports/brand?to=2026-03-10", HttpStatusCode.BadRequest },
        { "glow", $"/api/reports/brand?{Range}&pageSize=0", HttpStatusCode.BadRequest },
        { "glow", $"/api/reports/brand?{Range}&pageSize=501", HttpStatusCode.BadRequest },
        { "glow", $"/api/reports/brand?{Range}&page=0", HttpStatusCode.BadRequest },
        { "glow", $"/api/reports/brand?{Range}&currency=usd", HttpStatusCode.BadRequest },
        { "mia", "/api/reports/influencer?from=2026-03-10&to=not-a-date", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Report_endpoints_enforce_who_sees_what_and_validate_input(string? handle, string url, HttpStatusCode expected)
    {
        var response = await (await fixture.AsAsync(handle)).GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest && !url.Contains("not-a-date", StringComparison.Ordinal))
        {
            Assert.Contains("validation_failed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("sam", HttpStatusCode.Forbidden)]
    [InlineData("mia", HttpStatusCode.Forbidden)]
    [InlineData("glow", HttpStatusCode.NotFound)]
    public async Task Only_a_brand_or_admin_refunds(string? handle, HttpStatusCode expected) =>
        Assert.Equal(expected, (await (await fixture.AsAsync(handle)).PostAsync("/api/orders/fs-none.o1/refund", null)).StatusCode);

    [Fact]
    public async Task Csv_export_is_written_to_blob_downloadable_through_its_link_and_the_link_expires()
    {
        await fixture.SettledBrandReportAsync();
        var glow = await fixture.AsAsync("glow");
        Assert.Equal(HttpStatusCode.Forbidden, (await glow.PostAsync($"/api/reports/influencer/export?{Range}", null)).StatusCode);
        var export = await LiveApi.ReadAsync<ReportExportDto>(await glow.PostAsync($"/api/reports/brand/export?{Range}", null));

        Assert.IsType<BlobMediaStore>(fixture.Node.Get<IMediaStore>());
        var file = export.Url.Split('?')[0].Split('/')[^1];
        using (var stored = await fixture.Node.Get<IMediaStore>().OpenAsync("exports/" + file))
        {
            Assert.NotNull(stored); // in Azurite
        }

        var anonymous = fixture.Node.Http;
        var csv = await anonymous.GetStringAsync(export.Url);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dimension,key,orders,units,gmv,commission,currency,buyers,unique_viewers,peak_viewers,conversion,name,handle", lines[0]);
        var expected = fixture.Day.ExpectedBrand();
        var total = (await fixture.SettledBrandReportAsync()).Total;
        Assert.Equal(FormattableString.Invariant(
            $"total,\"\",{expected.Orders},{expected.Units},{expected.Gmv},{expected.Commission},USD,{total.Buyers},{total.UniqueViewers},{total.PeakViewers},{total.Conversion},,"), lines[1]);
        Assert.Contains(lines, l => l.StartsWith("product,\"p-lip\",", StringComparison.Ordinal) && l.EndsWith(",,,,\"Lip tint\",", StringComparison.Ordinal)); // no audience of its own; named
        Assert.Contains(lines, l => l.StartsWith($"influencer,\"{Mia}\",", StringComparison.Ordinal) && l.EndsWith(",\"Mia Chen\",\"mia\"", StringComparison.Ordinal));
        Assert.Equal(export.Rows + 2, lines.Length);

        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(export.Url.Replace("sig=", "sig=0", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/media/exports/" + file)).StatusCode); // not public media

        var wait = export.ExpiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.1);
        await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        var expired = await anonymous.GetAsync(export.Url);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("export_link_expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_share_link_lands_on_its_stream_records_the_touch_and_has_a_qr_code()
    {
        var mia = await fixture.AsAsync("mia");
        var stream = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest("Glow night", null, DateTimeOffset.UtcNow, null, null), LiveApi.Json));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.AsAsync("leo")).PostAsJsonAsync("/api/share-links", new ShareLinkRequest(stream.Id, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.AsAsync("sam")).PostAsJsonAsync("/api/share-links", new ShareLinkRequest(stream.Id, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await mia.PostAsJsonAsync("/api/share-links", new ShareLinkRequest(stream.Id, "p-1"))).StatusCode);
        var created = await mia.PostAsJsonAsync("/api/share-links", new ShareLinkRequest(stream.Id, null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = (await created.Content.ReadFromJsonAsync<ShareLinkDto>(LiveApi.Json))!;

        // A signed-out browser: redirected to the stream, remembered by a visitor cookie.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Node.Address };
        var landed = await browser.GetAsync(link.Url);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal($"/watch/{stream.Id}", landed.Headers.Location!.OriginalString);
        Assert.Contains(landed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lc_vid=", StringComparison.Ordinal));

        // A signed-in viewer: the touch is theirs, so a later order outside the stream is Mia's.
        using var sam = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Node.Address };
        sam.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.Node.TokenAsync("sam"));
        Assert.Equal(HttpStatusCode.Redirect, (await sam.GetAsync(link.Url.ToLowerInvariant())).StatusCode);
        var touches = await fixture.Node.Get<IShareLinkStore>().TouchesAsync("u-viewer-sam", DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal((link.Code, Mia), (touches[0].Code, touches[0].InfluencerId));

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/s/ZZZZZZZZ")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/s/x%3Cscript")).StatusCode);

        var qr = await browser.GetAsync(link.QrUrl);
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await qr.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task A_touch_made_signed_out_is_claimed_once_by_the_account_that_signs_in_and_credits_the_host_for_its_orders()
    {
        var mia = await fixture.AsAsync("mia");
        Assert.Equal(HttpStatusCode.NotFound, (await mia.PostAsJsonAsync("/api/share-links", new ShareLinkRequest(null, "p-missing"), LiveApi.Json)).StatusCode);
        var product = await AnyProductAsync();
        var link = await LiveApi.ReadAsync<ShareLinkDto>(await mia.PostAsJsonAsync("/api/share-links", new ShareLinkRequest(null, product), LiveApi.Json));
        Assert.Equal(product, link.ProductId);

        // A fresh browser opens the link signed out: the touch is remembered under its visitor cookie.
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = fixture.Node.Address };
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(link.Url)).StatusCode);
        var visitor = cookies.GetCookies(fixture.Node.Address)[AttributionEndpoints.VisitorCookie]!.Value;
        var store = fixture.Node.Get<IShareLinkStore>();

        // A guest cannot claim (its id is new on every visit, the touch would be lost); the cookie stays for the account.
        var asGuest = await ClaimAsync(await fixture.Node.GuestTokenAsync(), visitor);
        asGuest.Expect(HttpStatusCode.Forbidden, ErrorCodes.SignInRequired);
        Assert.Empty(asGuest.SetCookies);

        // Ana signs in on that browser: the touch becomes hers, and the browser's visitor id is retired.
        var ana = await ClaimAsync(await fixture.Node.TokenAsync("ana"), visitor);
        Assert.Equal(1, ana.Claimed);
        Assert.Contains(ana.SetCookies, c => c.StartsWith("lc_vid=;", StringComparison.Ordinal) && c.Contains("1970", StringComparison.Ordinal));
        var touch = Assert.Single(await store.TouchesAsync("u-viewer-ana", DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal((link.Code, Mia), (touch.Code, touch.InfluencerId));

        // A replayed claim moves nothing more; another account presenting the same cookie (Leo, later, on a
        // shared computer, or anyone who copied it) is refused, so one visit never credits two buyers.
        Assert.Equal(0, (await ClaimAsync(await fixture.Node.TokenAsync("ana"), visitor)).Claimed);
        var leo = await ClaimAsync(await fixture.Node.TokenAsync("leo"), visitor);
        leo.Expect(HttpStatusCode.Conflict, ErrorCodes.ShareTouchesClaimed);
        Assert.Contains(leo.SetCookies, c => c.StartsWith("lc_vid=;", StringComparison.Ordinal));
        Assert.DoesNotContain(await store.TouchesAsync(Leo, DateTimeOffset.UtcNow.AddSeconds(1)), t => t.Code == link.Code);
        Assert.Single(await store.TouchesAsync("u-viewer-ana", DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Empty(await store.TouchesAsync("v:" + visitor, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal(0, (await ClaimAsync(await fixture.Node.TokenAsync("leo"), null)).Claimed);

        // Both buy outside a stream a day later, inside the 14-day window: Ana's order is Mia's, Leo's nobody's
        // (his only touches are the generated day's, long out of the window).
        var at = DateTimeOffset.UtcNow.AddDays(1);
        var log = fixture.Node.Get<IOrderLog>();
        foreach (var buyer in new[] { "u-viewer-ana", Leo })
        {
            await log.AppendAsync(new OrderDto($"o-share-{Guid.NewGuid():N}", buyer, "fs-share", Brand, [new OrderItemDto(product, null, "Lip oil", 2, 20m)],
                40m, "USD", "USD", null, null, "pay", at));
        }

        var day = $"from={at.UtcDateTime:yyyy-MM-dd}&to={at.UtcDateTime:yyyy-MM-dd}";
        var glow = await fixture.AsAsync("glow");
        var brand = await WaitForAsync(async () => await LiveApi.ReadAsync<EarningsReport>(await glow.GetAsync($"/api/reports/brand?{day}")), r => r.Total.Orders == 2);
        Assert.Equal((1L, 40m), brand.Rows.Where(r => r.Dimension == "influencer").Select(r => (r.Orders, r.Gmv)).Single());
        var earnings = await LiveApi.ReadAsync<EarningsReport>(await mia.GetAsync($"/api/reports/influencer?{day}"));
        Assert.Equal((1L, 40m, 4m), (earnings.Total.Orders, earnings.Total.Gmv, earnings.Total.Commission)); // 10 % of 2 × 20
    }

    [Fact]
    public async Task A_product_link_lands_on_the_hosts_own_stream_showing_the_product_live_first_and_never_on_another_hosts()
    {
        var mia = await fixture.AsAsync("mia");
        var leo = await fixture.AsAsync("leo");
        var product = await AnyProductAsync();
        var link = await LiveApi.ReadAsync<ShareLinkDto>(await mia.PostAsJsonAsync("/api/share-links", new ShareLinkRequest(null, product), LiveApi.Json));
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Node.Address };
        async Task<string> LandingAsync()
        {
            var landed = await browser.GetAsync(link.Url);
            Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
            return landed.Headers.Location!.OriginalString;
        }

        var pins = fixture.Node.Get<IPinStore>();
        var miaLive = await StreamAsync(mia, "Mia, live with other things", live: true);
        await pins.SetShowcaseAsync(miaLive, ["p-other"]);

        // Leo is live with the product (most recently started): a purchase there would be Leo's, so Mia's link leads home.
        var leoLive = await StreamAsync(leo, "Leo, live with it", live: true);
        await pins.SetShowcaseAsync(leoLive, [product]);
        Assert.Equal($"/?product={product}", await LandingAsync());

        var miaLater = await StreamAsync(mia, "Mia, with it later", live: false);
        await pins.SetShowcaseAsync(miaLater, ["p-other", product]);
        Assert.Equal($"/watch/{miaLater}?product={product}", await LandingAsync());

        await pins.SetShowcaseAsync(miaLive, ["p-other", product]);
        Assert.Equal($"/watch/{miaLive}?product={product}", await LandingAsync());
    }

    private async Task<string> StreamAsync(HttpClient host, string title, bool live)
    {
        var stream = await LiveApi.ReadAsync<StreamDto>(await host.PostAsJsonAsync("/api/streams",
            new ScheduleStreamRequest(title, null, DateTimeOffset.UtcNow.AddHours(1), null, null), LiveApi.Json));
        if (live)
        {
            await LiveApi.ReadAsync<StreamDto>(await host.PostAsync($"/api/streams/{stream.Id}/start", null));
        }

        return stream.Id;
    }

    /// <summary>POST /api/share-links/claim as the token's account, from a browser holding visitor cookie <paramref name="visitorId"/>.</summary>
    private async Task<ClaimAnswer> ClaimAsync(string token, string? visitorId)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = fixture.Node.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/share-links/claim");
        request.Headers.Authorization = new("Bearer", token);
        if (visitorId is not null)
        {
            request.Headers.Add("Cookie", $"{AttributionEndpoints.VisitorCookie}={visitorId}");
        }

        using var response = await http.SendAsync(request);
        return new ClaimAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues("Set-Cookie", out var cookies) ? [.. cookies] : []);
    }

    private sealed record ClaimAnswer(HttpStatusCode Status, string Body, IReadOnlyList<string> SetCookies)
    {
        public int Claimed
        {
            get
            {
                Assert.True(Status == HttpStatusCode.OK, $"{(int)Status}: {Body}");
                return System.Text.Json.JsonSerializer.Deserialize<ShareClaimResult>(Body, LiveApi.Json)!.Claimed;
            }
        }

        public void Expect(HttpStatusCode status, string code)
        {
            Assert.True(Status == status, $"{(int)Status}: {Body}");
            Assert.Contains($"\"{code}\"", Body, StringComparison.Ordinal);
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }

    private async Task<string> AnyProductAsync()
    {
        var product = new Product("p-" + Guid.NewGuid().ToString("N")[..8], Brand, "Glow", "Lip oil", "", new Money(9m, "USD"), 5, [], [], [], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        Assert.True(await fixture.Node.Get<ICatalogStore>().TryCreateProductAsync(product));
        return product.Id;
    }

    [Fact]
    public async Task The_host_sees_live_metrics_with_audience_and_conversion_pushed_to_the_studio()
    {
        var mia = await fixture.AsAsync("mia");
        var stream = (await LiveApi.ReadAsync<StreamDto>(await mia.PostAsJsonAsync("/api/streams",
            new ScheduleStreamRequest("Live metrics", null, DateTimeOffset.UtcNow, null, null), LiveApi.Json))).Id;
        await using var studio = await fixture.Node.ViewerAsync("mia");
        await using var other = await fixture.Node.ViewerAsync("leo");
        await studio.JoinAsync(stream); // the host watching her own stream is not her audience

        // Real viewers over the hub: sam twice (two tabs: one viewer), a guest, and leo.
        await using var sam1 = await fixture.Node.ViewerAsync("sam");
        await using var sam2 = await fixture.Node.ViewerAsync("sam");
        await using var guest = await fixture.Node.ViewerAsync();
        foreach (var viewer in new[] { sam1, sam2, guest, other })
        {
            await viewer.JoinAsync(stream);
        }

        await studio.WaitUntilAsync(v => v.States<HostMetricsChanged>().Any(m => m.StreamId == stream && m.UniqueViewers == 3 && m.PeakViewers == 5),
            TimeSpan.FromSeconds(10), "three unique viewers and a peak of five sessions in the studio");
        var before = studio.States<HostMetricsChanged>().Last(m => m.StreamId == stream);
        Assert.Equal((0L, 0L, 0m), (before.Orders, before.Buyers, before.Conversion));

        var log = fixture.Node.Get<IOrderLog>();
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(new OrderDto($"fs-live{stream}.o{i}", "u-viewer-sam", "fs-live", Brand, [new OrderItemDto("p-set", null, "Set", 2, 59m)],
                118m, "USD", "USD", stream, new AttributionRef(stream, Mia), "pay", DateTimeOffset.UtcNow));
        }

        await studio.WaitUntilAsync(v => v.States<HostMetricsChanged>().Any(m => m.StreamId == stream && m.Orders == 3), TimeSpan.FromSeconds(10), "three orders in the studio");
        var last = studio.States<HostMetricsChanged>().Last(m => m.StreamId == stream);
        Assert.Equal(6, last.Units);
        Assert.Equal([new Money(354m, "USD")], last.Gmv);
        Assert.Equal([new Money(88.5m, "USD")], last.Commission); // 25 % override on p-set
        Assert.Equal((1, 3), (last.Buyers, last.UniqueViewers)); // one buyer (sam, three orders) among three viewers
        Assert.Equal(0.3333m, last.Conversion);
        Assert.DoesNotContain(other.States<HostMetricsChanged>(), m => m.StreamId == stream);

        // The day's report for the host shows the same stream with its audience.
        var report = await LiveApi.ReadAsync<EarningsReport>(await mia.GetAsync($"/api/reports/influencer?from={DateTime.UtcNow:yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}"));
        var row = report.Rows.Single(r => r.Dimension == "stream" && r.Key == stream);
        Assert.Equal((3L, 1L, 3L, 5L, 0.3333m), (row.Orders, row.Buyers, row.UniqueViewers, row.PeakViewers, row.Conversion));
    }

    [Fact]
    public async Task The_daily_order_archive_is_written_to_blob()
    {
        var container = AzuriteServer.UniqueContainer();
        var connection = await AzuriteServer.ConnectionStringAsync();
        var archive = new BlobOrderArchive(connection, container);
        var orders = fixture.Day.Orders.Take(5).ToList();
        await archive.WriteDayAsync(Day, orders);
        await archive.WriteDayAsync(Day, orders); // a re-run replaces it
        var blob = new Azure.Storage.Blobs.BlobContainerClient(connection, container).GetBlobClient("order-archive/orders-2026-03-10.jsonl");
        var lines = (await blob.DownloadContentAsync()).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(orders.Select(o => o.Id), lines.Select(l => LiveCommerce.Server.Infrastructure.StoredJson.Read<OrderDto>(l).Id));
    }
}
