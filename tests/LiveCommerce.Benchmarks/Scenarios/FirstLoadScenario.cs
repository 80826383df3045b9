using System.Globalization;
using System.Text.Json;
using LiveCommerce.Benchmarks.Harness;
using Microsoft.Playwright;

namespace LiveCommerce.Benchmarks.Scenarios;

/// <summary>
/// A shared watch link opened on a mid-range phone: Debian's Chromium through Playwright and the
/// DevTools protocol, network and CPU throttled (<see cref="FirstLoadSettings"/>), against a server
/// started separately (<c>--url</c>; docs/BENCHMARKS.md says how). Each run is a fresh browser
/// context (empty cache), the cold visit, then a new page in the same context (the repeat visit).
/// Measured in the page, from its navigation start: the largest contentful paint (the first screen)
/// and the moment the Blazor-rendered Buy is in the DOM and enabled (interactive), split at the moment
/// the last of the runtime's files (<c>/_framework/</c>) had arrived (resource timing); from DevTools:
/// requests and bytes received (<c>Network.loadingFinished</c>'s encodedDataLength, headers
/// included) until interactive.
/// </summary>
public sealed class FirstLoadScenario : IScenario
{
    public const string Cold = "cold";
    public const string Repeat = "repeat";

    public string Name => "firstload";

    public string Description => "a phone opens --url (a watch page) throttled: first screen (LCP), interactive (Buy), bytes; cold and repeat";

    // Runs before any of the page's scripts: the LCP candidates as the browser reports them, and the first
    // moment an element matching the Buy selector is present and enabled (Blazor renders it already wired).
    private const string InitScript = """
        (() => {
          const m = window.__firstload = { lcp: null, lcpElement: null, fcp: null, interactive: null, candidates: [] };
          const selector = __BUY__;
          try {
            new PerformanceObserver((list) => {
              for (const e of list.getEntries()) {
                m.lcp = e.startTime;
                const el = e.element;
                m.lcpElement = el ? (el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '')) : (e.url || null);
                m.candidates.push(`${Math.round(e.startTime)} ms ${m.lcpElement} ${e.size} px² ${e.url || ''}`);
              }
            }).observe({ type: 'largest-contentful-paint', buffered: true });
            new PerformanceObserver((list) => {
              for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') m.fcp = e.startTime;
            }).observe({ type: 'paint', buffered: true });
          } catch { }
          m.ready = new Promise((resolve) => {
            const check = () => {
              if (m.interactive === null && document.querySelector(selector)) {
                m.interactive = performance.now();
                observer.disconnect();
                resolve(m.interactive);
              }
            };
            const observer = new MutationObserver(check);
            observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'data-sold-out'] });
          });
        })();
        """;

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var settings = FirstLoadSettings.Parse(options.Rest);
        var result = new ScenarioResult(Name, options) { Headline = $"{settings.Url} on {settings.Profile}, {settings.Runs} run(s)" };
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LIVECOMMERCE_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Console.WriteLine($"firstload: {browser.BrowserType.Name} {browser.Version}; {settings.Profile}");

        var visits = new Dictionary<string, List<Visit>> { [Cold] = [], [Repeat] = [] };
        var init = InitScript.Replace("__BUY__", JsonSerializer.Serialize(settings.BuySelector), StringComparison.Ordinal);
        for (var run = 1; run <= settings.Runs; run++)
        {
            ct.ThrowIfCancellationRequested();
            await using var context = await browser.NewContextAsync(new()
            {
                ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true, Locale = "en-US",
            });
            await context.AddInitScriptAsync(init);
            foreach (var kind in new[] { Cold, Repeat })
            {
                var visit = await VisitAsync(context, settings, ct);
                visits[kind].Add(visit);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {run} {kind,-6}: LCP {visit.LcpMs:#,0} ms ({visit.LcpElement}), interactive {visit.InteractiveMs:#,0} ms (runtime loaded at {visit.RuntimeLoadedMs:#,0}), {visit.Requests} requests ({visit.FromCache} from cache), {visit.Bytes / 1e6:0.000} MB ({visit.FrameworkBytes / 1e6:0.000} MB /_framework/)"));
                if (settings.Verbose && run == 1 && kind == Cold)
                {
                    foreach (var (url, bytes) in visit.Resources.OrderByDescending(r => r.Value).Take(25))
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {bytes,10:#,0}  {url}"));
                    }
                }
            }
        }

        foreach (var kind in new[] { Cold, Repeat })
        {
            var done = visits[kind].Where(v => !v.TimedOut).ToList();
            var figures = new RunFigures(kind);
            Add(figures, "LCP ms", Spread.Of(done.Select(v => v.LcpMs)));
            Add(figures, "interactive ms", Spread.Of(done.Select(v => v.InteractiveMs)));
            // Interactive = the runtime's files arriving (the network) + .NET and the app starting (the CPU, a few round trips).
            Add(figures, "runtime loaded ms", Spread.Of(done.Select(v => v.RuntimeLoadedMs)));
            Add(figures, "loaded to interactive ms", Spread.Of(done.Select(v => v.InteractiveMs - v.RuntimeLoadedMs)));
            Add(figures, "MB to interactive", Spread.Of(done.Select(v => v.Bytes / 1e6)));
            Add(figures, "requests", Spread.Of(done.Select(v => (double)v.Requests)));
            figures["from cache (median)"] = Spread.Of(done.Select(v => (double)v.FromCache)).Median;
            figures["MB /_framework/ (median)"] = Spread.Of(done.Select(v => v.FrameworkBytes / 1e6)).Median;
            figures["FCP ms (median)"] = Spread.Of(done.Select(v => v.FcpMs)).Median;
            result.Runs.Add(figures);
            result.Invariants[$"{kind} visits not interactive within {settings.TimeoutSeconds} s"] = visits[kind].Count(v => v.TimedOut);
        }

        var cold = result.Run(Cold);
        result.Notes.Add(Verdict("first screen (LCP, cold)", cold["LCP ms median"], 2500));
        result.Notes.Add(Verdict("interactive (Buy, cold)", cold["interactive ms median"], 6000));
        result.Notes.Add("Times are from the page's navigation start, measured in the page; bytes = DevTools' encodedDataLength (headers included) of what finished loading before interactive.");
        result.Notes.Add("Repeat = a new page in the same browser context (its HTTP cache, cookies and storage), as a viewer opening the link again.");
        return result;
    }

    internal static string Verdict(string what, double medianMs, double targetMs) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {medianMs:#,0} ms, target < {targetMs:#,0} ms: {(double.IsFinite(medianMs) && medianMs < targetMs ? "met" : "NOT met")}");

    private static void Add(RunFigures figures, string name, Spread spread)
    {
        figures[name + " median"] = spread.Median;
        figures[name + " min"] = spread.Min;
        figures[name + " max"] = spread.Max;
    }

    private static async Task<Visit> VisitAsync(IBrowserContext context, FirstLoadSettings settings, CancellationToken ct)
    {
        var page = await context.NewPageAsync();
        try
        {
            var cdp = await context.NewCDPSessionAsync(page);
            var meter = new NetworkMeter();
            meter.Attach(cdp);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.setCacheDisabled", new() { ["cacheDisabled"] = false });
            await cdp.SendAsync("Network.emulateNetworkConditions", new()
            {
                ["offline"] = false,
                ["latency"] = settings.RttMs,
                ["downloadThroughput"] = settings.DownBytesPerSecond,
                ["uploadThroughput"] = settings.UpBytesPerSecond,
            });
            await cdp.SendAsync("Emulation.setCPUThrottlingRate", new() { ["rate"] = settings.CpuSlowdown });

            await page.GotoAsync(settings.Url.ToString(), new() { WaitUntil = WaitUntilState.Commit, Timeout = settings.TimeoutSeconds * 1000 });
            var interactive = await page.EvaluateAsync<double?>(
                "ms => Promise.race([window.__firstload.ready, new Promise(r => setTimeout(() => r(null), ms))])", settings.TimeoutSeconds * 1000);
            var (requests, fromCache, bytes, framework, resources) = meter.Snapshot();
            ct.ThrowIfCancellationRequested();
            if (interactive is null)
            {
                // Say what was there instead, so a changed page (or selector) is quick to see.
                var buttons = await page.EvaluateAsync<string>(
                    "() => [...document.querySelectorAll('button, a.button')].map(b => (b.dataset.testid || b.textContent.trim().slice(0, 20)) + (b.disabled ? ' (disabled)' : '')).join(', ')");
                Console.WriteLine($"      not interactive: no '{settings.BuySelector}'; buttons: {buttons}");
            }

            // Let a paint or two land after the Buy appeared, then read the last LCP candidate.
            await page.WaitForTimeoutAsync(500);
            var m = await page.EvaluateAsync<JsonElement>(
                """
                until => ({
                  lcp: window.__firstload.lcp, fcp: window.__firstload.fcp, el: window.__firstload.lcpElement, candidates: window.__firstload.candidates,
                  runtime: Math.max(0, ...performance.getEntriesByType('resource')
                    .filter(e => e.name.includes('/_framework/') && e.responseEnd <= until).map(e => e.responseEnd)),
                })
                """, interactive ?? double.MaxValue);
            if (settings.Verbose)
            {
                foreach (var candidate in m.GetProperty("candidates").EnumerateArray())
                {
                    Console.WriteLine($"      LCP candidate: {candidate.GetString()}");
                }
            }

            return new Visit(
                Number(m, "lcp"), Number(m, "fcp"), interactive ?? double.NaN, Number(m, "runtime"), interactive is null,
                m.GetProperty("el").ValueKind == JsonValueKind.String ? m.GetProperty("el").GetString()! : "?",
                requests, fromCache, bytes, framework, resources);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static double Number(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Number ? e.GetProperty(name).GetDouble() : double.NaN;

    private sealed record Visit(
        double LcpMs, double FcpMs, double InteractiveMs, double RuntimeLoadedMs, bool TimedOut, string LcpElement,
        int Requests, int FromCache, long Bytes, long FrameworkBytes, IReadOnlyDictionary<string, long> Resources);

    /// <summary>The page's requests as DevTools reports them (data: URLs aside), and the bytes each received.</summary>
    private sealed class NetworkMeter
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, string> _urls = new(StringComparer.Ordinal);
        private readonly HashSet<string> _cached = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _received = new(StringComparer.Ordinal);

        public void Attach(ICDPSession cdp)
        {
            cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) => On(e, (id, p) =>
            {
                var url = p.GetProperty("request").GetProperty("url").GetString() ?? "";
                if (!url.StartsWith("data:", StringComparison.Ordinal))
                {
                    _urls[id] = url;
                }
            });
            cdp.Event("Network.requestServedFromCache").OnEvent += (_, e) => On(e, (id, _) => _cached.Add(id));
            cdp.Event("Network.responseReceived").OnEvent += (_, e) => On(e, (id, p) =>
            {
                var response = p.GetProperty("response");
                if (Flag(response, "fromDiskCache") || Flag(response, "fromPrefetchCache"))
                {
                    _cached.Add(id);
                }
            });
            cdp.Event("Network.loadingFinished").OnEvent += (_, e) => On(e, (id, p) => _received[id] = (long)p.GetProperty("encodedDataLength").GetDouble());
        }

        public (int Requests, int FromCache, long Bytes, long FrameworkBytes, Dictionary<string, long> Resources) Snapshot()
        {
            lock (_gate)
            {
                var resources = new Dictionary<string, long>(StringComparer.Ordinal);
                long bytes = 0, framework = 0;
                foreach (var (id, url) in _urls)
                {
                    var received = _received.GetValueOrDefault(id);
                    bytes += received;
                    var path = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsolutePath : url;
                    if (path.StartsWith("/_framework/", StringComparison.Ordinal))
                    {
                        framework += received;
                    }

                    resources[path] = resources.GetValueOrDefault(path) + received;
                }

                return (_urls.Count, _cached.Count(_urls.ContainsKey), bytes, framework, resources);
            }
        }

        private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

        private void On(JsonElement? e, Action<string, JsonElement> apply)
        {
            if (e is { } p && p.TryGetProperty("requestId", out var id) && id.GetString() is { } requestId)
            {
                lock (_gate)
                {
                    apply(requestId, p);
                }
            }
        }
    }
}
