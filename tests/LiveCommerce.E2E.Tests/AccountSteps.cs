using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// What a person does with an account on the <see cref="AccountsNodeFixture"/> node, shared by the
/// tests that need real accounts: unique addresses, the sign-up form, and signing up through the
/// mailed confirmation link.
/// </summary>
internal static class AccountSteps
{
    /// <summary>Every test account's password (strong enough for the server's rules).</summary>
    public const string Password = "Correct-Horse-42";

    /// <summary>An address no other test uses, readable in screenshots.</summary>
    public static string Email(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..6]}@example.test";

    /// <summary>The header's name of the signed-in person, if it is <paramref name="name"/>.</summary>
    public static ILocator SignedInAs(IPage page, string name) => page.GetByTestId("current-user").Filter(new() { HasText = name });

    public static async Task FillSignUpAsync(IPage page, string email, string name)
    {
        await page.GetByTestId("sign-up-email").FillAsync(email);
        await page.GetByTestId("sign-up-name").FillAsync(name);
        await page.GetByTestId("sign-up-password").FillAsync(Password);
    }

    /// <summary>Signs up on /signup and opens the mailed confirmation link: returns the page, signed in.</summary>
    public static async Task<IPage> SignedUpAsync(this AccountsNodeFixture accounts, IBrowserContext context, string email, string name)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("signup");
        await FillSignUpAsync(page, email, name);
        await page.GetByTestId("sign-up-submit").ClickAsync();
        await Expect(page.GetByTestId("check-your-email")).ToContainTextAsync(email);
        await page.GotoAsync(await accounts.MailedLinkAsync(email, "confirm-email"));
        await Expect(page.GetByTestId("email-confirmed")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync(name);
        return page;
    }
}
