using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fx)
{
    /// <summary>Controls without an accessible name: inputs without a label, buttons and links without text or aria-label.</summary>
    internal const string Unlabelled = """
        () => [...document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea')]
          .filter(e => {
            const aria = (e.getAttribute('aria-label') || '').trim() || (e.getAttribute('aria-labelledby') ? 'x' : '');
            if (aria) return false;
            if (['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName)) return !(e.labels && e.labels.length);
            return !(e.textContent || '').trim() && !e.querySelector('img[alt]:not([alt=""])');
          })
          .map(e => e.outerHTML.slice(0, 120))
        """;

    [Theory]
    [InlineData(null, "watch/demo-live", "comment-list")]
    [InlineData("mia", "studio/demo-live", "showcase-item")]
    [InlineData("glow", "console", "product")]
    [InlineData(null, "", "stream-card")]
    [InlineData(null, "signup", "sign-up-form")]
    [InlineData(null, "login", "sign-in-form")]
    [InlineData("sam", "account", "profile")]
    [InlineData("glow", "brand/team", "member")]
    public async Task Every_control_has_an_accessible_name(string? handle, string path, string readyTestId)
    {
        await using var context = await fx.ContextAsync(handle, wide: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page.GetByTestId(readyTestId).First).ToBeAttachedAsync();

        Assert.Empty(await page.EvaluateAsync<string[]>(Unlabelled));
    }

    [Fact]
    public async Task The_watch_page_works_from_the_keyboard()
    {
        await using var context = await fx.ContextAsync("sam");
        var page = await ViewerTests.WatchAsync(context, "demo-live");

        // Tab until the comment box has focus (it must be reachable), then send with Enter.
        for (var i = 0; i < 40 && await page.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid") != "comment-input"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(page.GetByTestId("comment-input")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("typed without a mouse");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("comment-text").Filter(new() { HasText = "typed without a mouse" })).ToHaveCountAsync(1);
    }
}
