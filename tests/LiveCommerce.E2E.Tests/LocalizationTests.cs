using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class LocalizationTests(BrowserFixture fx)
{
    [Fact]
    public async Task Switching_to_Spanish_and_Chinese_changes_the_ui_text_and_the_money_format()
    {
        // The demo stream has a USD product pinned.
        await using var context = await fx.ContextAsync();
        var page = await ViewerTests.WatchAsync(context, "demo-live");
        var heading = page.Locator("#pins-heading");
        var price = page.GetByTestId("pinned-product").First.GetByTestId("price");
        await Expect(heading).ToHaveTextAsync("Shop the stream");
        await Expect(price).ToHaveTextAsync(EnglishDollars());
        var amount = decimal.Parse(await price.GetAttributeAsync("data-amount") ?? "", System.Globalization.CultureInfo.InvariantCulture);

        await page.GetByTestId("language-picker").SelectOptionAsync("es");
        await Expect(heading).ToHaveTextAsync("Compra en directo");
        await Expect(page.GetByTestId("nav-streams")).ToHaveTextAsync("Directos");
        await Expect(price).ToHaveTextAsync(Spanish(amount));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        await page.GetByTestId("language-picker").SelectOptionAsync("zh");
        await Expect(heading).ToHaveTextAsync("边看边买");
        await Expect(page.GetByTestId("nav-streams")).ToHaveTextAsync("直播");
        await Expect(price).ToHaveTextAsync("US$" + amount.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture));

        // The choice survives a reload.
        await page.ReloadAsync();
        await Expect(heading).ToHaveTextAsync("边看边买");

        // What the server draws before the app runs follows the choice too: a shared link's first screen, the offline page.
        var firstScreen = await (await page.APIRequest.GetAsync("watch/demo-live")).TextAsync();
        Assert.Contains("data-testid=\"fs-status\">直播中</span>", firstScreen, StringComparison.Ordinal);
        Assert.Contains("<h1>你已离线</h1>", await (await page.APIRequest.GetAsync("offline")).TextAsync(), StringComparison.Ordinal);
    }

    /// <summary>"$1,234.56" in English (US).</summary>
    [GeneratedRegex(@"^\$\d{1,3}(,\d{3})*\.\d\d$")]
    private static partial Regex EnglishDollars();

    /// <summary>Spain writes "24,99 US$" (decimal comma, symbol after, no-break space).</summary>
    private static Regex Spanish(decimal amount) =>
        new("^" + Regex.Escape(amount.ToString("#,##0.00", System.Globalization.CultureInfo.GetCultureInfo("es-ES"))) + @"\s+US\$$");
}
