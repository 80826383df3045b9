using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.TestKit;
using Microsoft.Playwright;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// One real node (Redis, Azurite, demo shop seeded) serving the Blazor client, and one headless
/// Debian Chromium, shared by the browser tests. Each test opens its own contexts (separate
/// storage, so separate people).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private IPlaywright? _playwright;

    public TestNode Node { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public Uri Address => Node.Address;

    /// <summary>Screenshots of each test run land here (under the test output).</summary>
    public string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var redis = await SharedRedis.ConfigurationAsync();
        var blob = await AzuriteServer.ConnectionStringAsync();
        Node = await TestNode.StartAsync(redis, SharedRedis.UniquePrefix(), new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:CrowdSize"] = "0",
            ["Blob:ConnectionString"] = blob,
            ["Blob:Container"] = AzuriteServer.UniqueContainer(),
        });

        // The demo shop is seeded in the background: wait for its last piece.
        await WaitUntilAsync(async () => (await Node.Http.GetAsync("/api/streams/demo-live/showcase")).IsSuccessStatusCode
            && (await Node.Http.GetFromJsonAsync<ProductDto[]>("/api/streams/demo-live/showcase", Json))!.Length > 0, "demo shop seeded");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LIVECOMMERCE_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDir);

        // A page boots .NET in the browser; on a busy 2-core machine that can take a few seconds.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>
    /// A new browser context (a person): signed in as <paramref name="handle"/> (or a guest when
    /// null), in <paramref name="language"/>, showing prices in <paramref name="currency"/>.
    /// </summary>
    public async Task<IBrowserContext> ContextAsync(string? handle = null, string? language = null, string currency = "USD", bool wide = false)
    {
        var context = await NewContextAsync(Address, language, currency, wide);
        if (handle is not null)
        {
            await DevSignInAsync(context, handle);
        }

        return context;
    }

    /// <summary>
    /// A new browser context (a person, signed out) on the node at <paramref name="address"/>, with its
    /// language and currency stored before any page runs.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(Uri address, string? language = null, string currency = "USD", bool wide = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = address.ToString(),
            Locale = "en-US",
            TimezoneId = "UTC",
            ViewportSize = wide ? new ViewportSize { Width = 1280, Height = 900 } : new ViewportSize { Width = 412, Height = 915 },
        });
        context.SetDefaultTimeout(15_000);
        var storage = new Dictionary<string, string> { ["livecommerce.currency"] = currency };
        if (language is not null)
        {
            storage["livecommerce.culture"] = language;
        }

        // Before any page script runs, on every page of the context (the app reads these at start).
        await context.AddInitScriptAsync(
            $"(() => {{ const s = {JsonSerializer.Serialize(storage)}; if (!sessionStorage.getItem('lc-seeded')) {{ for (const k in s) localStorage.setItem(k, s[k]); sessionStorage.setItem('lc-seeded', '1'); }} }})();");
        return context;
    }

    /// <summary>
    /// Signs the context in as a demo account the way a browser does: dev-login through the
    /// context's own request client, which shares its cookie jar, so the HttpOnly refresh cookie
    /// lands in the context and the app restores the session from it when a page opens.
    /// </summary>
    public static async Task DevSignInAsync(IBrowserContext context, string handle)
    {
        var response = await context.APIRequest.PostAsync("/api/auth/dev-login", new()
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            DataString = JsonSerializer.Serialize(new DevLoginRequest(handle), Json),
        });
        Assert.True(response.Ok, $"dev-login {handle}: {response.Status} {await response.TextAsync()}");
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "lc_refresh" && c.HttpOnly);
    }

    public async Task<HttpClient> AsAsync(string handle) => Node.Authorized(await Node.TokenAsync(handle));

    /// <summary>A new live stream hosted by mia, with the Glow products in its showcase.</summary>
    public async Task<StreamDto> LiveStreamAsync(string title)
    {
        using var mia = await AsAsync("mia");
        var created = await Read<StreamDto>(await mia.PostAsJsonAsync("/api/streams",
            new ScheduleStreamRequest(title, "E2E", DateTimeOffset.UtcNow.AddMinutes(1), null, null), Json));
        await Read<StreamDto>(await mia.PostAsync($"/api/streams/{created.Id}/start", null));
        await Read<ProductDto[]>(await mia.PutAsJsonAsync($"/api/streams/{created.Id}/showcase",
            new ShowcaseRequest(["p-glow-1", "p-glow-2", "p-glow-3", "p-glow-4"]), Json));
        return created;
    }

    public static async Task<T> Read<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>
    /// Where screenshots for the docs go, when LIVECOMMERCE_UPDATE_SCREENSHOTS is set: "1" (or any
    /// value that is not a folder path) means the repository's docs/screenshots; a path means that folder.
    /// </summary>
    public static string? DocsScreenshotDir
    {
        get
        {
            var setting = Environment.GetEnvironmentVariable("LIVECOMMERCE_UPDATE_SCREENSHOTS");
            if (string.IsNullOrEmpty(setting))
            {
                return null;
            }

            if (setting.Contains('/', StringComparison.Ordinal))
            {
                return setting;
            }

            // The repository: the first folder above the test output that holds the solution.
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveCommerce.sln")))
            {
                dir = dir.Parent;
            }

            return dir is null ? null : Path.Combine(dir.FullName, "docs", "screenshots");
        }
    }

    /// <summary>
    /// Saves a page's screenshot under the test output; with <paramref name="forDocs"/> (ScreenshotTests only, so that the
    /// docs hold one shot per page and width), also into docs/screenshots when LIVECOMMERCE_UPDATE_SCREENSHOTS is set.
    /// </summary>
    public async Task ScreenshotAsync(IPage page, string name, bool forDocs = false)
    {
        // From the top: a full-page shot of a scrolled page paints the sticky header mid-page.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var bytes = await page.ScreenshotAsync(new() { FullPage = true });
        await File.WriteAllBytesAsync(Path.Combine(ScreenshotDir, name + ".png"), bytes);
        if (forDocs && DocsScreenshotDir is { } docs)
        {
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, name + ".png"), bytes);
        }
    }

    /// <summary>Phone and desktop widths of the screenshots and of the layout checks.</summary>
    public static readonly (string Suffix, int Width, int Height)[] Widths = [("phone", 390, 844), ("desktop", 1280, 900)];

    /// <summary>
    /// The page at phone and at desktop width: <paramref name="name"/>-phone.png and
    /// <paramref name="name"/>-desktop.png (see <see cref="ScreenshotAsync"/>). The page keeps the
    /// last width; the layout follows the width with no reload.
    /// </summary>
    public async Task ScreenshotBothWidthsAsync(IPage page, string name)
    {
        foreach (var (suffix, width, height) in Widths)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.WaitForFunctionAsync("w => window.innerWidth === w", width);
            await ScreenshotAsync(page, $"{name}-{suffix}", forDocs: true);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not up yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
