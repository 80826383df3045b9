using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// Someone opens a shared watch link on a phone: the first screen is there before .NET has
/// downloaded, then the app takes over; and the visit downloads compressed files only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FirstScreenTests(BrowserFixture fx, ITestOutputHelper output)
{
    [Fact]
    public async Task A_shared_watch_link_shows_poster_title_host_and_pinned_product_before_the_runtime_loads_then_the_app_takes_over()
    {
        var pin = await CurrentPinAsync();
        var context = await fx.Browser.NewContextAsync(new()
        {
            BaseURL = fx.Address.ToString(), Locale = "en-US", ViewportSize = new() { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true,
        });
        await using var _ = context;

        // The runtime's files wait until the first screen has been checked.
        var runtime = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await context.RouteAsync("**/_framework/**", async route =>
        {
            await runtime.Task;
            await route.ContinueAsync();
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("watch/demo-live", new() { WaitUntil = WaitUntilState.Commit });

        var screen = page.GetByTestId("first-screen");
        await Expect(screen.GetByTestId("fs-title")).ToHaveTextAsync("Glow Week: spring skincare live");
        await Expect(screen.GetByTestId("fs-host")).ToHaveTextAsync("Mia Chen");
        await Expect(screen.GetByTestId("fs-status")).ToHaveTextAsync("LIVE");
        await Expect(screen.GetByTestId("fs-pin-name")).ToHaveTextAsync(pin.Title);
        await Expect(screen.GetByTestId("fs-pin-price")).ToHaveTextAsync(Dollars());
        await Expect(page).ToHaveTitleAsync("Glow Week: spring skincare live · LiveCommerce");
        Assert.True(await screen.Locator("img.fs-poster").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the poster has loaded");

        // All of it on the first screen of a phone, with no sideways scroll.
        foreach (var part in new[] { "fs-title", "fs-host", "fs-status", "fs-pin-name", "fs-pin-price" })
        {
            var box = await screen.GetByTestId(part).BoundingBoxAsync();
            Assert.True(box is { X: >= 0, Y: >= 0 } && box.Y + box.Height <= 844 && box.X + box.Width <= 390, $"{part} is on the first screen: {box?.X},{box?.Y} {box?.Width}x{box?.Height}");
        }

        Assert.Equal(390, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));

        runtime.SetResult();
        await Expect(screen).ToHaveCountAsync(0, new() { Timeout = 60_000 }); // Blazor replaced it with the live page
        await Expect(page.Locator("#app > *").First).ToBeAttachedAsync();
    }

    [Fact]
    public async Task A_cold_first_visit_gets_the_runtime_compressed_and_stays_within_its_byte_budget()
    {
        await using var context = await fx.NewContextAsync(fx.Address);
        var responses = new ConcurrentQueue<IResponse>();
        context.Response += (_, response) => responses.Enqueue(response);
        var page = await ViewerTests.WatchAsync(context, "demo-live"); // the app has started and joined the stream
        await Expect(page.GetByTestId("first-screen")).ToHaveCountAsync(0);

        long bytes = 0, runtimeBytes = 0;
        var uncompressed = new List<string>();
        foreach (var response in responses.Where(r => r.Url.StartsWith(fx.Address.ToString(), StringComparison.Ordinal)))
        {
            var sizes = await response.Request.SizesAsync();
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            var path = new Uri(response.Url).AbsolutePath;
            if (path.StartsWith("/_framework/", StringComparison.Ordinal))
            {
                runtimeBytes += sizes.ResponseBodySize;
            }

            // The runtime goes compressed (a published app compresses its CSS and scripts too: docs/BENCHMARKS.md).
            if (response.Status == 200 && path.StartsWith("/_framework/", StringComparison.Ordinal) && !path.EndsWith(".pdb", StringComparison.Ordinal))
            {
                var headers = await response.AllHeadersAsync();
                if (!headers.TryGetValue("content-encoding", out var encoding) || encoding is not ("br" or "gzip"))
                {
                    uncompressed.Add(path);
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold /watch/demo-live: {responses.Count} responses, {bytes / 1e6:0.00} MB transferred ({runtimeBytes / 1e6:0.00} MB of it /_framework)"));
        Assert.Empty(uncompressed);
        // The Debug build `dotnet run` and these tests serve is untrimmed (a published build moves about a third of it; docs/BENCHMARKS.md).
        Assert.True(bytes < 14_000_000, $"a first visit moved {bytes:N0} bytes");
    }

    [Fact]
    public async Task A_returning_viewer_starts_the_app_from_the_browsers_cache_without_asking_for_the_runtime_again()
    {
        // A published node (Production: its files served from the static-asset manifest, as deployed), counting the
        // runtime's files it is asked for.
        var asked = new ConcurrentQueue<string>();
        await using var node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(),
            environment: Environments.Production, services: s => s.AddSingleton<IStartupFilter>(new RuntimeRequests(asked)));
        await using var context = await fx.NewContextAsync(node.Address);

        async Task<string[]> VisitAsync()
        {
            asked.Clear();
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await Expect(page.Locator(".app-loading")).ToHaveCountAsync(0, new() { Timeout = 60_000 }); // the app has started
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await page.CloseAsync();
            return [.. asked];
        }

        var first = await VisitAsync();
        Assert.Contains(first, path => path.EndsWith("/System.Private.CoreLib.wasm", StringComparison.Ordinal));
        var repeat = await VisitAsync();
        Assert.True(repeat.Length == 0, $"the repeat visit asked again for {repeat.Length} runtime files: {string.Join(", ", repeat.Take(5))}");
    }

    [Fact]
    public async Task A_viewer_never_downloads_the_hosts_screens_and_a_host_gets_them_when_the_studio_opens_even_after_a_failed_try()
    {
        await using var context = await fx.NewContextAsync(fx.Address);
        var backstage = new ConcurrentQueue<string>();
        context.Request += (_, request) =>
        {
            if (request.Url.Contains("/_framework/LiveCommerce.Client.Backstage.", StringComparison.Ordinal))
            {
                backstage.Enqueue(request.Url);
            }
        };

        // A viewer watches, goes home and opens a stream card: none of it needs the hosts' and brands' screens.
        var page = await ViewerTests.WatchAsync(context, "demo-live");
        await Expect(page.GetByTestId("stage-buy")).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "LiveCommerce home" }).ClickAsync();
        await page.GetByTestId("stream-card").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/watch/"));
        Assert.Empty(backstage);

        // A host opens her studio while their download fails: she is told so, not "Page not found"; once the
        // network is back, trying again opens it.
        const string Download = "**/_framework/LiveCommerce.Client.Backstage.*";
        await context.RouteAsync(Download, route => route.AbortAsync());
        var studio = await PageSteps.SignInAsync(context, "mia", "studio");
        var failed = studio.GetByTestId("screens-failed");
        await Expect(failed.GetByRole(AriaRole.Heading)).ToHaveTextAsync("This page could not load");
        await context.UnrouteAsync(Download);
        await failed.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(studio.GetByTestId("new-stream")).ToBeVisibleAsync();
        Assert.NotEmpty(backstage);
    }

    /// <summary>Notes every request for a runtime file (.wasm, .dat) that reaches the node, answered or revalidated.</summary>
    private sealed class RuntimeRequests(ConcurrentQueue<string> asked) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, then) =>
            {
                if (http.Request.Path.StartsWithSegments("/_framework") && Path.GetExtension(http.Request.Path.Value) is ".wasm" or ".dat")
                {
                    asked.Enqueue(http.Request.Path.Value!);
                }

                return then(http);
            });
            next(app);
        };
    }

    /// <summary>The live demo stream's pin (pinned again if a test took it away).</summary>
    private async Task<PinDto> CurrentPinAsync()
    {
        var pins = fx.Node.Get<IPinStore>();
        var now = DateTimeOffset.UtcNow;
        if ((await pins.ListAsync("demo-live")).Where(p => p.ExpiresAt is null || p.ExpiresAt > now).MaxBy(p => p.PinnedAt) is { } pin)
        {
            return pin;
        }

        pin = new PinDto("pin-first-screen", "p-glow-1", "u-brand-glow", "Glow Cosmetics", "Vitamin C Glow Serum, 30 ml", "/img/demo/glow-serum.jpg", new Money(34m, "USD"), now, null);
        await pins.TryPinAsync("demo-live", pin, 3);
        return pin;
    }

    [GeneratedRegex(@"^\$\d{1,3}(,\d{3})*\.\d\d$")]
    private static partial Regex Dollars();
}
