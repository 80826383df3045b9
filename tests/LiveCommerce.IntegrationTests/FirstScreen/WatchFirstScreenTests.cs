using System.Net;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Demo;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Streams;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.FirstScreen;

/// <summary>
/// A shared watch link opened by something that runs no script (a plain HTTP client, a link-preview
/// robot, a phone still downloading the runtime) already gets the stream's first screen.
/// </summary>
public sealed class WatchFirstScreenTests(WatchFirstScreenTests.ShopNode shop) : IClassFixture<WatchFirstScreenTests.ShopNode>
{
    private const string Hostile = "Glow <script>alert('x')</script> & \"friends\"";

    [Fact]
    public async Task The_first_response_of_a_watch_link_has_the_title_host_pinned_product_and_price()
    {
        using var response = await shop.Node.Http.GetAsync("/watch/s-first-screen");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"fs-host\">Mia García</b>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"fs-status\">LIVE</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"fs-pin-name\">Vitamin C Glow Serum</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"fs-pin-price\">$34.00</span>", html, StringComparison.Ordinal);
        Assert.Contains("<img class=\"fs-poster\" src=\"/img/demo/cover-glow-week.jpg\"", html, StringComparison.Ordinal);

        // The hostile title is text, in the page and in the head, never markup.
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("Glow &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;friends&quot;", html, StringComparison.Ordinal);
        Assert.Contains("<title>Glow &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<title>"));

        // Link previews: Open Graph title and an absolute image; and the app still starts (the only scripts are files).
        Assert.Contains("<meta property=\"og:title\" content=\"Glow &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:image\" content=\"{shop.Node.Address.GetLeftPart(UriPartial.Authority)}/img/demo/cover-glow-week.jpg\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"_framework/blazor.webassembly.js\" autostart=\"false\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"js/start.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script>", html);
        Assert.Contains("href=\"css/first-screen.css\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_screen_speaks_the_browsers_language()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/watch/s-first-screen");
        request.Headers.AcceptLanguage.ParseAdd("es-ES,es;q=0.9,en;q=0.5");
        var html = await (await shop.Node.Http.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"fs-status\">EN DIRECTO</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"fs-pin-price\">34,00 US$</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_screen_and_the_offline_page_speak_the_language_picked_in_the_app_over_the_browsers()
    {
        async Task<string> PageAsync(string path, string? picked)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
            if (picked is not null)
            {
                request.Headers.Add("Cookie", "livecommerce.culture=" + picked); // written by js/start.js from the app's choice
            }

            return await (await shop.Node.Http.SendAsync(request)).Content.ReadAsStringAsync();
        }

        var watch = await PageAsync("/watch/s-first-screen", "zh");
        Assert.Contains("<html lang=\"zh\">", watch, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"fs-status\">直播中</span>", watch, StringComparison.Ordinal);
        Assert.Contains("<h1>你已离线</h1>", await PageAsync("/offline", "zh"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\">", await PageAsync("/offline", "es"), StringComparison.Ordinal);

        // A cookie that names no language the app speaks is no choice: the browser's language it is.
        foreach (var junk in new[] { "fr", "%3Cscript%3E", "", "zh-Hant-xx" })
        {
            Assert.Contains("<html lang=\"en\">", await PageAsync("/watch/s-first-screen", junk), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_or_malformed_stream_gets_the_app_shell_which_says_not_found()
    {
        foreach (var path in new[] { "/watch/s-no-such-stream", "/watch/%3Cscript%3E" })
        {
            using var response = await shop.Node.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the app shows "Stream not found"; see ServeWatchPage
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<div id=\"app\">", html, StringComparison.Ordinal);
            Assert.Contains("_framework/blazor.webassembly.js", html, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"first-screen\"", html, StringComparison.Ordinal);
            Assert.Contains("<title>LiveCommerce</title>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_app_is_installable_with_a_manifest_icons_a_service_worker_and_an_offline_page()
    {
        var shell = await shop.Node.Http.GetStringAsync("/");
        Assert.Contains("<link rel=\"manifest\" href=\"manifest.webmanifest\" />", shell, StringComparison.Ordinal);
        Assert.Contains("<script src=\"js/install.js\"></script>", shell, StringComparison.Ordinal);

        using var manifest = await shop.Node.Http.GetAsync("/manifest.webmanifest");
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await manifest.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("LiveCommerce", root.GetProperty("name").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        Assert.StartsWith("#", root.GetProperty("theme_color").GetString(), StringComparison.Ordinal);
        var sizes = root.GetProperty("icons").EnumerateArray().Select(i => i.GetProperty("sizes").GetString()).ToList();
        Assert.Contains("192x192", sizes);
        Assert.Contains("512x512", sizes);
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
        {
            using var png = await shop.Node.Http.GetAsync("/" + icon.GetProperty("src").GetString());
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        }

        var worker = await shop.Node.Http.GetStringAsync("/sw.js");
        Assert.Contains("'/offline'", worker, StringComparison.Ordinal);
        Assert.DoesNotContain("/api", worker, StringComparison.Ordinal); // it keeps no API or hub call

        using var request = new HttpRequestMessage(HttpMethod.Get, "/offline");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");
        using var offline = await shop.Node.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, offline.StatusCode);
        var page = await offline.Content.ReadAsStringAsync();
        Assert.Contains("<h1>你已离线</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
    }

    /// <summary>One node with one live stream (hostile title, a pinned serum); no demo.</summary>
    public sealed class ShopNode : IAsyncLifetime
    {
        public TestNode Node { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Node = await TestNode.StartAsync(null, "first-screen");
            var now = DateTimeOffset.UtcNow;
            var streams = Node.Get<IStreamStore>();
            await streams.TryCreateAsync(new LiveStream("s-first-screen", "u-host-mia", "Mia García", Hostile, "Morning routine", now, "/img/demo/cover-glow-week.jpg", null));
            await streams.TryTransitionAsync("s-first-screen", StreamStatus.Upcoming, StreamStatus.Live, now);
            await Node.Get<IPinStore>().TryPinAsync("s-first-screen", new PinDto(
                "pin-1", "p-serum", "u-brand-glow", "Glow Cosmetics", "Vitamin C Glow Serum", "/img/demo/glow-serum.jpg", new Money(34m, "USD"), now, null), 3);
        }

        public async Task DisposeAsync() => await Node.DisposeAsync();
    }
}
