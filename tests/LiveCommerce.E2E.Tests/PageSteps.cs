using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>What a demo cast member does on the pages, shared by the tests that do it the way a person does.</summary>
internal static class PageSteps
{
    /// <summary>A 1×1 PNG, as a file the browser picks.</summary>
    public static FilePayload CoverPng => new()
    {
        Name = "cover.png",
        MimeType = "image/png",
        Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
    };

    /// <summary>
    /// A link or button of the header's menu (the pages, the account). On a phone the header is one row and these
    /// are folded behind the menu button: it is opened first, as a person would.
    /// </summary>
    public static async Task<ILocator> MenuItemAsync(IPage page, string testId)
    {
        var button = page.GetByTestId("menu-button");
        await button.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        if (await button.IsVisibleAsync() && await button.GetAttributeAsync("aria-expanded") != "true")
        {
            await button.ClickAsync();
        }

        return page.GetByTestId(testId);
    }

    /// <summary>Signs a demo cast member in on the sign-in page (the Development password) and lands on <paramref name="path"/>.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string handle, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("login?returnUrl=" + Uri.EscapeDataString("/" + path));
        await page.GetByTestId("sign-in-email").FillAsync($"{handle}@demo.livecommerce.test");
        await page.GetByTestId("sign-in-password").FillAsync("Shop-Live-2026");
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/" + Regex.Escape(path) + "$"));
        return page;
    }

    /// <summary>In the console, gives a product these variants with their stock; the product's stock becomes their sum.</summary>
    public static async Task AddVariantsAsync(ILocator product, params (string Size, string? Color, int Stock)[] variants)
    {
        var editor = product.GetByTestId("variant-editor");
        await editor.Locator("summary").ClickAsync();
        foreach (var _ in variants)
        {
            await editor.GetByTestId("add-variant").ClickAsync();
        }

        var rows = editor.GetByTestId("variant-row");
        for (var i = 0; i < variants.Length; i++)
        {
            await rows.Nth(i).GetByTestId("variant-size").FillAsync(variants[i].Size);
            if (variants[i].Color is { } color)
            {
                await rows.Nth(i).GetByTestId("variant-color").FillAsync(color);
            }

            await rows.Nth(i).GetByTestId("variant-stock").FillAsync(variants[i].Stock.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await editor.GetByTestId("save-variants").ClickAsync();
        await Expect(product.GetByTestId("product-stock")).ToHaveAttributeAsync("data-value", variants.Sum(v => v.Stock).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Pays for the hold in a buy panel (<paramref name="scope"/>: the page's body or the panel; <paramref name="prefix"/>
    /// "item-" for buy now): Pay now, then the card in test mode (the test card that succeeds unless told), and,
    /// for the 3-D Secure card, the bank's step completed.
    /// </summary>
    public static async Task PayAsync(ILocator scope, string prefix = "", string card = TestCards.Succeeds)
    {
        await scope.GetByTestId(prefix + "checkout").ClickAsync();
        await Expect(scope.GetByTestId(prefix + "test-mode")).ToContainTextAsync("Test mode");
        await PayWithCardAsync(scope, prefix, card);
    }

    /// <summary>The card step alone (after a decline, with another card): fills the card in and pays, completing 3-D Secure if asked.</summary>
    public static async Task PayWithCardAsync(ILocator scope, string prefix = "", string card = TestCards.Succeeds)
    {
        await scope.GetByTestId(prefix + "card-number").FillAsync(card);
        await scope.GetByTestId(prefix + "card-expiry").FillAsync("12/34");
        await scope.GetByTestId(prefix + "card-cvc").FillAsync("123");
        await scope.GetByTestId(prefix + "pay-card").ClickAsync();
        if (card == TestCards.ThreeDSecure)
        {
            await Expect(scope.GetByTestId(prefix + "three-ds-challenge")).ToBeVisibleAsync();
            await scope.GetByTestId(prefix + "three-ds-complete").ClickAsync();
        }
    }
}
