using System.Net.Http.Json;
using LiveCommerce.Contracts;
using Deque.AxeCore.Playwright;
using LiveCommerce.Simulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// Every page, as every kind of person sees it, at phone (390 px) and desktop (1280 px) width:
/// axe-core (the engine ships inside the Deque.AxeCore packages; nothing is fetched) finds no
/// serious or critical violation, and nothing is wider than the screen (no sideways scrolling).
/// A new page is one line in <see cref="Pages"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageScanTests(BrowserFixture fx)
{
    /// <summary>Who looks: a demo handle, or null for a guest.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Roles = new Dictionary<string, string?>
    {
        ["guest"] = null,
        ["viewer"] = "sam",
        ["host"] = "mia",
        ["brand"] = "glow", // the owner of Glow Cosmetics
        ["admin"] = "admin",
    };

    private const string Everyone = "guest viewer host brand admin";
    private const string SignedIn = "viewer host brand admin";

    /// <summary>
    /// Path (ENDED = a stream that has ended, for its replay), what shows once it has loaded, and who
    /// it is for. The operator page goes in as e.g. ("admin", "its-ready-testid", "admin"); a role
    /// (brand staff, say) is one line in <see cref="Roles"/> and its name here.
    /// </summary>
    private static readonly (string Path, string Ready, string Who)[] Pages =
    [
        ("", "stream-card", Everyone),
        ("?product=p-glow-3", "shared-product-title", Everyone),
        ("watch/demo-live", "comment-list", Everyone),
        ("replay/ENDED", "stream-title", Everyone),
        ("login", "sign-in-form", "guest"),
        ("signup", "sign-up-form", "guest"),
        ("account", "profile", SignedIn),
        ("orders", "my-orders", SignedIn),
        ("dashboard", "total-orders", "host"),
        ("dashboard", "dashboard", "admin"), // an admin has no earnings of her own
        ("studio", "studio-streams", "host admin"),
        ("studio/demo-live", "showcase-item", "host admin"),
        ("studio/new", "stream-form", "host admin"),
        ("console", "product", "brand"),
        ("console/fulfilment", "queue-panel", "brand"),
        ("brand/team", "member", "brand"),
        ("admin", "readiness-check", "admin"),
    ];

    private static readonly SemaphoreSlim EndedLock = new(1, 1);
    private static string? _ended;

    public static TheoryData<string, int> RolesAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var role in Roles.Keys)
        {
            data.Add(role, 390);
            data.Add(role, 1280);
        }

        return data;
    }

    [Theory]
    [Trait("Category", "Accessibility")]
    [MemberData(nameof(RolesAndWidths))]
    public async Task Every_page_has_no_serious_accessibility_violation_and_no_sideways_scroll(string role, int width)
    {
        var ended = await EndedStreamAsync();
        await using var context = await fx.ContextAsync(Roles[role], wide: width > 800);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, width > 800 ? 900 : 844);

        var problems = new List<string>();
        var first = true;
        foreach (var (path, ready, who) in Pages.Where(p => IsFor(p.Who, role)))
        {
            var target = path.Replace("ENDED", ended, StringComparison.Ordinal);
            if (first)
            {
                await page.GotoAsync(target);
                first = false;
            }
            else
            {
                // In-app navigation, as a click on a link would: no reload of the app for each page.
                await page.EvaluateAsync("p => Blazor.navigateTo(p)", target);
            }

            await Expect(page.GetByTestId(ready).First).ToBeAttachedAsync();
            await page.WaitForFunctionAsync("() => !document.querySelector('main')?.innerText.includes('Loading…')");

            problems.AddRange((await SidewaysAsync(page, width)).Select(p => $"/{target}: {p}"));
            problems.AddRange((await HeaderProblemsAsync(page)).Select(p => $"/{target}: {p}"));
            problems.AddRange((await SeriousViolationsAsync(page)).Select(v => $"/{target}: {v}"));
        }

        Assert.True(problems.Count == 0, $"{role} at {width} px:\n" + string.Join("\n", problems));
    }

    /// <summary>The narrowest phones (320 px, an iPhone SE's screen): the pages a shared link lands on, signed out and in.</summary>
    [Theory]
    [Trait("Category", "Accessibility")]
    [InlineData("guest")]
    [InlineData("viewer")]
    public async Task Home_and_the_watch_page_have_no_serious_violation_at_320_px(string role)
    {
        await using var context = await fx.ContextAsync(Roles[role]);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(320, 568);

        var problems = new List<string>();
        foreach (var (path, ready) in new[] { ("", "stream-card"), ("watch/demo-live", "comment-list") })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByTestId(ready).First).ToBeAttachedAsync();
            await page.WaitForFunctionAsync("() => !document.querySelector('main')?.innerText.includes('Loading…')");
            problems.AddRange((await SidewaysAsync(page, 320)).Select(p => $"/{path}: {p}"));
            problems.AddRange((await HeaderProblemsAsync(page)).Select(p => $"/{path}: {p}"));
            problems.AddRange((await SeriousViolationsAsync(page)).Select(v => $"/{path}: {v}"));
        }

        Assert.True(problems.Count == 0, $"{role} at 320 px:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// The installed app's offline page (served by the server, GET /offline), in each language of the app, as the
    /// browser asks for it (its Accept-Language): no serious violation, no sideways scroll, in that language.
    /// </summary>
    [Theory]
    [Trait("Category", "Accessibility")]
    [InlineData("en-US", "en", "You're offline", 390)]
    [InlineData("en-US", "en", "You're offline", 1280)]
    [InlineData("es-ES", "es", "Estás sin conexión", 390)]
    [InlineData("es-ES", "es", "Estás sin conexión", 1280)]
    [InlineData("zh-CN", "zh", "你已离线", 390)]
    [InlineData("zh-CN", "zh", "你已离线", 1280)]
    public async Task The_offline_page_has_no_serious_violation_in_each_language(string locale, string lang, string heading, int width)
    {
        await using var context = await fx.Browser.NewContextAsync(new()
        {
            BaseURL = fx.Address.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = width > 800 ? 900 : 844 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("offline");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Expect(page.GetByRole(AriaRole.Link)).ToBeVisibleAsync();
        var problems = (await SidewaysAsync(page, width)).Concat(await SeriousViolationsAsync(page)).ToList();
        Assert.True(problems.Count == 0, $"/offline ({locale}) at {width} px:\n" + string.Join("\n", problems));
    }

    private static bool IsFor(string who, string role) => who.Split(' ').Contains(role);

    /// <summary>Serious and critical axe-core violations: rule, impact, where, and what to read about it.</summary>
    internal static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}) {v.HelpUrl}\n    " + string.Join("\n    ", v.Nodes.Take(8).Select(n => n.Target.ToString())))
            .ToList();
    }

    /// <summary>When the page is wider than the screen: the elements that stick out past its right edge.</summary>
    internal static async Task<IReadOnlyList<string>> SidewaysAsync(IPage page, int width) =>
        await page.EvaluateAsync<string[]>("""
            () => {
              if (document.documentElement.scrollWidth <= innerWidth) return [];
              const name = e => e.tagName.toLowerCase() + (e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
              const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1);
              // The innermost ones say most: drop those that only stick out because a child does.
              const leaves = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
              return [`scrolls sideways: ${document.documentElement.scrollWidth} px wide at ${innerWidth} px`, ...leaves.slice(0, 8).map(e => '  ' + name(e) + ' right=' + Math.round(e.getBoundingClientRect().right))];
            }
            """);

    /// <summary>
    /// The header's parts overlapping one another (the logo over the name), a control of it out of view, or (on a
    /// phone, below 768 px) a header taller than one row: there the pages and the account are behind the menu button.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> HeaderProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
              const header = document.querySelector('.site-header');
              if (!header) return ['header: missing'];
              // What one sees in the header: no two of these may overlap (a text running over a button, the logo over the name).
              const seen = [...document.querySelectorAll('.site-header :is(a, button, select, .brand-name, .user-name, .role-tag, .user-guest)')]
                .filter(e => e.offsetParent !== null);
              const box = e => e.getBoundingClientRect();
              const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
              const text = e => e.dataset.testid || e.className || e.textContent.trim();
              const problems = [];
              for (let i = 0; i < seen.length; i++)
                for (let j = i + 1; j < seen.length; j++)
                  if (!seen[i].contains(seen[j]) && !seen[j].contains(seen[i]) && overlap(box(seen[i]), box(seen[j])))
                    problems.push(`header: ${text(seen[i])} overlaps ${text(seen[j])}`);
              // Those folded in the closed menu are not shown (display: none), so not out of view.
              for (const a of [...document.querySelectorAll('.site-header a, .site-header button, .site-header select')].filter(e => e.offsetParent !== null)) {
                const r = box(a);
                if (r.width === 0 || r.left < 0 || r.right > innerWidth) problems.push(`header: ${a.dataset.testid || a.textContent.trim()} is out of view`);
              }
              const height = box(header).height;
              if (innerWidth < 768 && height > 64) problems.push(`header: ${Math.round(height)} px tall at ${innerWidth} px (one row is at most 64)`);
              return problems;
            }
            """);

    /// <summary>
    /// The pages with something in them, made once for all the scans: a stream of Mia's in which Ana
    /// bought (rows in the dashboard's and the console's tables and charts), ended (its replay page);
    /// and a comment in the demo stream (the chat and its moderation buttons in the studio).
    /// </summary>
    private async Task<string> EndedStreamAsync()
    {
        await EndedLock.WaitAsync();
        try
        {
            if (_ended is null)
            {
                var stream = await fx.LiveStreamAsync("Scanned replay: a stream with a long title that has to wrap on a phone");
                FlashSaleDto sale;
                using (var glow = await fx.AsAsync("glow"))
                {
                    var starts = DateTimeOffset.UtcNow.AddMinutes(2);
                    sale = await BrowserFixture.Read<FlashSaleDto>(await glow.PostAsJsonAsync("/api/flash-sales", new ScheduleFlashSaleRequest(
                        "p-glow-4", null, "Scanned flash", 12.50m, "USD", 10, starts, starts.AddMinutes(5), 2, null, [stream.Id])));
                }

                using var mia = await fx.AsAsync("mia");
                await BrowserFixture.Read<FlashSaleDto>(await mia.PostAsync($"/api/flash-sales/{sale.Id}/launch", null));
                await using (var ana = await fx.Node.ViewerAsync("ana"))
                {
                    await ana.JoinAsync(stream.Id);
                    var hold = await ana.Hub.Reserve(stream.Id, sale.Id, 1, "k-" + Guid.NewGuid().ToString("N"));
                    Assert.Equal(ReserveOutcome.Held, hold.Outcome);
                    Assert.Equal(CheckoutOutcome.Confirmed, (await ana.Hub.PayAsync(hold.HoldId!, "c-" + Guid.NewGuid().ToString("N"), "USD", "USD")).Outcome);
                }

                await BrowserFixture.Read<StreamDto>(await mia.PostAsync($"/api/streams/{stream.Id}/end", null));

                await using (var sam = await fx.Node.ViewerAsync("sam"))
                {
                    await sam.JoinAsync("demo-live");
                    await sam.Hub.SendComment("demo-live", "Does the serum suit dry skin?");
                }

                _ended = stream.Id;
            }

            return _ended;
        }
        finally
        {
            EndedLock.Release();
        }
    }
}
