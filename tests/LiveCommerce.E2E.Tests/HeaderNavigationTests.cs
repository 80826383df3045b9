using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// The site header on phones from 320 to 430 px wide: one row (brand, language, the menu button) on every page,
/// nothing overlapping, no sideways scroll; the pages and the account behind a menu that works from the keyboard;
/// and on the watch page the video and the pinned product's Buy still on the first screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HeaderNavigationTests(BrowserFixture fx)
{
    /// <summary>A one-line header: the 44 px controls and their padding, with room to spare, and far from two rows.</summary>
    private const int OneRow = 64;

    public static TheoryData<int, int, string?> Phones() => new()
    {
        { 320, 568, null }, // an iPhone SE (1st generation), signed out
        { 320, 568, "admin" }, // the role with the most pages in the menu
        { 375, 667, null },
        { 375, 667, "sam" },
        { 430, 932, null },
        { 430, 932, "admin" },
    };

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task On_a_phone_the_header_is_one_row_and_its_menu_works_from_the_keyboard(int width, int height, string? handle)
    {
        await using var context = await fx.ContextAsync(handle);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        var button = page.GetByTestId("menu-button");
        var menu = page.GetByTestId("site-menu");

        foreach (var (path, ready) in new[] { ("", "stream-card"), ("watch/demo-live", "comment-list") })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByTestId(ready).First).ToBeAttachedAsync();
            await page.WaitForFunctionAsync("() => !document.querySelector('main')?.innerText.includes('Loading…')");
            await AssertOneRowAsync(page, $"/{path} at {width} px");
            await Expect(menu).ToBeHiddenAsync();
        }

        // The watch page, as a shared link opens it: the video and the pinned product's Buy on the first screen.
        await Expect(page.GetByTestId("connecting")).ToHaveCountAsync(0);
        await WatchPhoneTests.AssertOnFirstScreenAsync(page, "video[data-testid=player]", "[data-testid=stage-product]", "[data-testid=stage-buy]");
        var who = handle ?? "guest";
        await fx.ScreenshotAsync(page, $"header-watch-{width}-{who}");

        // From the keyboard: Tab reaches the menu button; Enter opens the menu, whose items come next in the tab order.
        await page.Locator(".site-header .brand").FocusAsync();
        await page.Keyboard.PressAsync("Tab"); // the language
        await page.Keyboard.PressAsync("Tab");
        await Expect(button).ToBeFocusedAsync();
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(button).ToHaveAccessibleNameAsync("Menu");
        await page.Keyboard.PressAsync("Enter");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(menu).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-orders")).ToBeVisibleAsync();
        await Expect(page.GetByTestId(handle is null ? "sign-in" : "sign-out")).ToBeVisibleAsync();
        if (handle is not null)
        {
            await Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
        }

        await AssertOneRowAsync(page, $"open menu at {width} px"); // the menu opens over the page, the row stays one row
        await fx.ScreenshotAsync(page, $"header-menu-{width}-{who}");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("nav-streams")).ToBeFocusedAsync();

        // Escape closes it and gives focus back to the button.
        await page.Keyboard.PressAsync("Escape");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(menu).ToBeHiddenAsync();
        await Expect(button).ToBeFocusedAsync();

        // Space opens it again; a page chosen from it with Enter opens, and the menu closes.
        await page.Keyboard.PressAsync(" ");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await page.GetByTestId("nav-orders").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/orders$"));
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(menu).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData(800)]
    [InlineData(1280)]
    public async Task On_tablets_and_desktops_the_pages_and_the_account_are_in_the_header_with_no_menu_button(int width)
    {
        await using var context = await fx.ContextAsync("admin", wide: true);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, 900);
        await page.GotoAsync("watch/demo-live");
        await Expect(page.GetByTestId("comment-list")).ToBeAttachedAsync();

        await Expect(page.GetByTestId("menu-button")).ToBeHiddenAsync();
        foreach (var tid in new[] { "nav-streams", "nav-studio", "nav-console", "nav-orders", "nav-admin", "current-user", "sign-out" })
        {
            await Expect(page.GetByTestId(tid)).ToBeVisibleAsync();
        }

        var problems = (await PageScanTests.HeaderProblemsAsync(page)).Concat(await PageScanTests.SidewaysAsync(page, width)).ToList();
        Assert.True(problems.Count == 0, $"at {width} px:\n" + string.Join("\n", problems));
        await fx.ScreenshotAsync(page, $"header-wide-{width}");
    }

    /// <summary>The header at most one row tall, its visible parts apart and in view, and nothing wider than the screen.</summary>
    private static async Task AssertOneRowAsync(IPage page, string where)
    {
        var height = await page.GetByTestId("site-header").EvaluateAsync<double>("h => h.getBoundingClientRect().height");
        Assert.True(height <= OneRow, $"{where}: the header is {height} px tall");
        var problems = (await PageScanTests.HeaderProblemsAsync(page)).Concat(await PageScanTests.SidewaysAsync(page, page.ViewportSize?.Width ?? 0)).ToList();
        Assert.True(problems.Count == 0, $"{where}:\n" + string.Join("\n", problems));
    }
}
