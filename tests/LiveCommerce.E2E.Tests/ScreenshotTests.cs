using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// The pictures in the README and docs/screenshots: the main pages at phone and desktop width,
/// with the demo shop. Refreshed by
/// <c>LIVECOMMERCE_UPDATE_SCREENSHOTS=1 ./test.sh --filter "Category=Screenshots"</c>; without the
/// variable the shots land only under the test output. A new page is one line in <see cref="Shots"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture fx)
{
    /// <summary>File name, who looks (a demo handle, or null for a guest), the path, and what shows once it has loaded.</summary>
    public static TheoryData<string, string?, string, string> Shots() => new()
    {
        { "watch", "sam", "watch/demo-live", "pinned-product" },
        { "studio", "mia", "studio/demo-live", "showcase-item" },
        { "studio-home", "mia", "studio", "studio-streams" },
        { "console", "glow", "console", "product" },
        { "dashboard", "mia", "dashboard", "total-orders" },
        { "admin", "admin", "admin", "readiness-check" },
        { "login", null, "login", "sign-in-form" },
    };

    [Theory]
    [Trait("Category", "Screenshots")]
    [MemberData(nameof(Shots))]
    public async Task The_page_is_shot_at_phone_and_desktop_width(string name, string? handle, string path, string ready)
    {
        await using var context = await fx.ContextAsync(handle);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page.GetByTestId(ready).First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => !document.querySelector('main')?.innerText.includes('Loading…')");

        await fx.ScreenshotBothWidthsAsync(page, name);

        foreach (var (suffix, _, _) in BrowserFixture.Widths)
        {
            Assert.True(new FileInfo(Path.Combine(fx.ScreenshotDir, $"{name}-{suffix}.png")).Length > 0);
        }
    }
}
