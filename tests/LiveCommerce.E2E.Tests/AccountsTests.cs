using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.TestKit;
using Microsoft.Playwright;
using static LiveCommerce.E2E.Tests.AccountSteps;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// A second node, with real accounts as production runs them: dev sign-in off, its own PostgreSQL
/// database, mail through the SMTP sink, and mailed links pointing at the node itself so they open
/// in the browser. The demo shop runs on it too (a live stream to watch), without dev sign-in to its
/// cast and without its recurring flash sale.
/// </summary>
public sealed class AccountsNodeFixture : IAsyncLifetime
{
    private string? _database;

    public TestNode Node { get; private set; } = default!;

    public SmtpSink Smtp { get; private set; } = default!;

    /// <summary>What mailed links start with: the node's own address.</summary>
    public string PublicBaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Smtp = await SmtpSink.SharedAsync();
        _database = await SharedPostgres.CreateDatabaseAsync();

        // The port is chosen first: the node's public address goes into its own settings.
        var port = RedisServer.FreePort();
        PublicBaseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var settings = TestNode.RealAccountsSettings(_database, Smtp, PublicBaseUrl);
        settings["Demo:Enabled"] = "true";
        settings["Demo:CrowdSize"] = "0";
        // The tests put their own sales on the demo stream: a recurring demo sale would take the banner from them.
        settings["Demo:FlashSales"] = "false";
        Node = await TestNode.StartAsync(null, "e2e-accounts-" + Guid.NewGuid().ToString("N")[..6], settings, port: port);

        // The demo shop is seeded in the background: wait for the live stream's showcase.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Node.Http.GetAsync("/api/streams/demo-live/showcase")) is not { IsSuccessStatusCode: true } response
            || (await response.Content.ReadAsStringAsync()) == "[]")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The demo shop was not seeded on the accounts node.");
            }

            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        if (_database is not null)
        {
            await SharedPostgres.DropDatabaseAsync(_database);
        }
    }

    /// <summary>The newest link to <paramref name="page"/> (e.g. "confirm-email") mailed to the address; waits for it.</summary>
    public async Task<string> MailedLinkAsync(string email, string page)
    {
        var prefix = $"{PublicBaseUrl}/{page}";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var link = Smtp.Mailbox.To(email)
                .SelectMany(m => (m.TextBody ?? "").Split('\n'))
                .Select(line => line.Trim())
                .LastOrDefault(line => line.StartsWith(prefix + "?", StringComparison.Ordinal));
            if (link is not null)
            {
                return link;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail with a /{page} link reached {email} (SMTP sink {Smtp.Host}:{Smtp.Port}).");
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>
/// Accounts in the browser, through the pages only: sign-up with the mailed confirmation link, a
/// session that survives a reload from its HttpOnly cookie alone, brands and invitations, guests who
/// sign in to buy and comment, and two-factor sign-in; the partnership flow from sign-up to an order is in
/// AccountsTests.Partnerships.cs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccountsTests(BrowserFixture fx, AccountsNodeFixture accounts) : IClassFixture<AccountsNodeFixture>
{
    [Fact]
    public async Task A_new_person_signs_up_confirms_from_the_mail_stays_signed_in_across_a_reload_and_signs_out()
    {
        var email = Email("rosa");
        await using var context = await fx.NewContextAsync(accounts.Node.Address, wide: true);
        var page = await context.NewPageAsync();

        await page.GotoAsync("");
        await page.GetByTestId("sign-up").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signup$"));
        await FillSignUpAsync(page, email, "Rosa Díaz");
        await fx.ScreenshotAsync(page, "signup");
        await page.GetByTestId("sign-up-submit").ClickAsync();
        await Expect(page.GetByTestId("check-your-email")).ToContainTextAsync(email);
        await Expect(SignedInAs(page, "Rosa Díaz")).ToHaveCountAsync(0);

        // The confirmation mail's link, opened in the same browser, confirms and signs her in.
        var link = await accounts.MailedLinkAsync(email, "confirm-email");
        await page.GotoAsync(link);
        await Expect(page.GetByTestId("email-confirmed")).ToContainTextAsync("Welcome, Rosa Díaz!");
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Rosa Díaz");

        // A reload starts the app afresh: the session comes back from the HttpOnly cookie alone.
        await page.GotoAsync("account");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Rosa Díaz");
        await Expect(page.GetByTestId("profile")).ToBeVisibleAsync();
        await AssertNoTokenInScriptReachAsync(page, context);

        // In Spanish (the choice reloads the app, and the session survives that too).
        await page.GetByTestId("language-picker").SelectOptionAsync("es");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Tu cuenta");
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Rosa Díaz");
        await fx.ScreenshotAsync(page, "account-es");
        await page.GetByTestId("language-picker").SelectOptionAsync("en");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your account");

        // Signing out ends the session on the server: a reload stays signed out.
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("account-signed-out")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByTestId("account-signed-out")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await Expect(SignedInAs(page, "Rosa Díaz")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_brand_owner_invites_a_manager_who_signs_up_and_joins_and_the_link_refuses_anyone_else()
    {
        var ownerEmail = Email("nora");
        var managerEmail = Email("tomas");

        // The owner signs up and creates her brand on /account.
        await using var ownerContext = await fx.NewContextAsync(accounts.Node.Address, wide: true);
        var owner = await accounts.SignedUpAsync(ownerContext, ownerEmail, "Nora Patel");
        await owner.GotoAsync("account");
        await owner.GetByTestId("brand-name").FillAsync("Nora Naturals");
        await owner.GetByTestId("create-brand").ClickAsync();
        await Expect(owner.GetByTestId("create-brand-status")).ToContainTextAsync("Nora Naturals is ready. You are its owner.");
        await Expect(owner.GetByTestId("brand-membership")).ToContainTextAsync("Owner");

        // Her team: herself, then an invitation by email for a manager.
        await owner.GetByTestId("nav-team").ClickAsync();
        await Expect(owner.Locator("h1")).ToHaveTextAsync("Nora Naturals team");
        var members = owner.GetByTestId("member");
        await Expect(members).ToHaveCountAsync(1);
        await Expect(members).ToHaveAttributeAsync("data-role", BrandRoles.Owner);
        await owner.GetByTestId("invite-email").FillAsync(managerEmail);
        await owner.GetByTestId("invite-role").SelectOptionAsync(BrandRoles.Manager);
        await owner.GetByTestId("invite-submit").ClickAsync();
        await Expect(owner.GetByTestId("team-status")).ToHaveTextAsync($"Invitation sent to {managerEmail}.");
        await Expect(owner.GetByTestId("invitation")).ToContainTextAsync(managerEmail);
        await Expect(owner.GetByTestId("invitation")).ToContainTextAsync("Manager");
        await fx.ScreenshotAsync(owner, "brand-team");

        var invitation = await accounts.MailedLinkAsync(managerEmail, "invitations/accept");

        // Someone signed in with another address opens the link: it was not for them, and nothing is spent.
        await using (var strangerContext = await fx.NewContextAsync(accounts.Node.Address))
        {
            var stranger = await accounts.SignedUpAsync(strangerContext, Email("kai"), "Kai Stranger");
            await stranger.GotoAsync(invitation);
            await Expect(stranger.GetByTestId("invitation-error")).ToHaveAttributeAsync("data-code", ErrorCodes.InvitationWrongAccount);
            await Expect(stranger.GetByTestId("invitation-error")).ToContainTextAsync("sent to a different email address");
            await Expect(stranger.GetByTestId("invitation-accepted")).ToHaveCountAsync(0);
            await Expect(stranger.GetByTestId("nav-team")).ToHaveCountAsync(0);
        }

        // The manager signs up with the invited address, opens the invitation and accepts.
        await using var managerContext = await fx.NewContextAsync(accounts.Node.Address, wide: true);
        var manager = await accounts.SignedUpAsync(managerContext, managerEmail, "Tomás Rivera");
        await manager.GotoAsync(invitation);
        await Expect(manager.GetByTestId("invitation-accepted")).ToHaveTextAsync("You joined Nora Naturals as Manager.");
        await Expect(manager.GetByTestId("nav-team")).ToBeVisibleAsync(); // the session now carries the brand

        // He sees the brand's team: the owner and himself.
        await manager.GetByRole(AriaRole.Link, new() { Name = "See the team" }).ClickAsync();
        await Expect(manager.Locator("h1")).ToHaveTextAsync("Nora Naturals team");
        await Expect(manager.GetByTestId("member")).ToHaveCountAsync(2);
        await Expect(manager.Locator($"[data-testid=member][data-role={BrandRoles.Owner}]")).ToContainTextAsync("Nora Patel");
        await Expect(manager.Locator($"[data-testid=member][data-role={BrandRoles.Manager}]")).ToContainTextAsync("Tomás Rivera");
        await Expect(manager.GetByTestId("no-invitations")).ToBeVisibleAsync();

        // And the owner, reloading her team page, sees him joined.
        await owner.ReloadAsync();
        await Expect(owner.Locator($"[data-testid=member][data-role={BrandRoles.Manager}]")).ToContainTextAsync(managerEmail);
        await Expect(owner.GetByTestId("no-invitations")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_guest_is_offered_sign_in_instead_of_buy_and_comment_signs_in_and_comes_back_able_to_comment()
    {
        // A live flash sale on the demo stream, scheduled by the demo brand (its token minted here:
        // this node has no dev sign-in), and an existing, confirmed account.
        var email = Email("ines");
        await ConfirmedAccountAsync(email, "Inés Ortega");
        using (var glow = accounts.Node.Authorized(accounts.Node.Get<TokenIssuer>().Issue(
            new SessionIdentity("u-brand-glow", "Glow Cosmetics", Roles.Brand, "u-brand-glow", BrandRoles.Owner)).Token))
        {
            var now = DateTimeOffset.UtcNow;
            await BrowserFixture.Read<FlashSaleDto>(await glow.PostAsJsonAsync("/api/flash-sales", new ScheduleFlashSaleRequest(
                "p-glow-2", null, "Guest flash", 14m, "USD", 50, now, now.AddMinutes(10), 1, null, ["demo-live"])));
        }

        await using var context = await fx.NewContextAsync(accounts.Node.Address);
        var page = await ViewerTests.WatchAsync(context, "demo-live");

        // A guest watches: the sale and the chat are there, but buying and commenting ask for an account.
        await Expect(page.GetByTestId("flash-title")).ToHaveTextAsync("Guest flash");
        await Expect(page.GetByTestId("sign-in-to-buy")).ToHaveTextAsync("Sign in to buy");
        await Expect(page.GetByTestId("sign-in-to-comment")).ToHaveTextAsync("Sign in to comment");
        await Expect(page.GetByTestId("buy")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("comment-input")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("reactions")).ToBeVisibleAsync();

        // The link leads to sign-in, which brings her back to the same stream.
        await page.GetByTestId("sign-in-to-comment").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Fwatch%2Fdemo-live$"));
        await Expect(page.GetByTestId("demo-accounts")).ToHaveCountAsync(0); // no password-less door on this node
        await page.GetByTestId("sign-in-email").FillAsync(email);
        await page.GetByTestId("sign-in-password").FillAsync(Password);
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/watch/demo-live$"));
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Inés Ortega");

        // Now she may comment (and buy).
        await Expect(page.GetByTestId("sign-in-to-comment")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("sign-in-to-buy")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("buy")).ToBeVisibleAsync();
        await page.GetByTestId("comment-input").FillAsync("Is it fragrance-free?");
        await page.GetByTestId("comment-send").ClickAsync();
        var mine = page.GetByTestId("comment").Filter(new() { Has = page.GetByTestId("comment-text").GetByText("Is it fragrance-free?") });
        await Expect(mine).ToHaveCountAsync(1);
        await Expect(mine.GetByTestId("comment-author")).ToHaveTextAsync("Inés Ortega");
    }

    [Fact]
    public async Task Two_factor_turned_on_in_the_account_asks_for_the_code_at_the_next_sign_in()
    {
        var email = Email("mei");
        await using var context = await fx.NewContextAsync(accounts.Node.Address, wide: true);
        var page = await accounts.SignedUpAsync(context, email, "Mei Lin");

        // She turns it on with the key shown, as her authenticator app would.
        await page.GotoAsync("account");
        var twoFactor = page.GetByTestId("two-factor");
        await Expect(twoFactor).ToHaveAttributeAsync("data-enabled", "false");
        await page.GetByTestId("two-factor-start").ClickAsync();
        var key = page.GetByTestId("two-factor-key");
        await Expect(key).ToHaveTextAsync(new Regex("^[A-Z2-7 ]{16,}$", RegexOptions.IgnoreCase));
        await Expect(page.GetByTestId("two-factor-uri")).ToContainTextAsync("otpauth://totp/");
        var sharedKey = await key.InnerTextAsync();
        await page.GetByTestId("two-factor-enable-code").FillAsync(TotpCode(sharedKey));
        await page.GetByTestId("two-factor-enable").ClickAsync();
        await Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("Two-factor sign-in is on.");
        await Expect(twoFactor).ToHaveAttributeAsync("data-enabled", "true");
        await Expect(page.GetByTestId("two-factor-key")).ToHaveCountAsync(0);
        await fx.ScreenshotAsync(page, "account");

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();

        // Email and password are not enough any more: the page asks for the code.
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("sign-in-email").FillAsync(email);
        await page.GetByTestId("sign-in-password").FillAsync(Password);
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await Expect(page.GetByTestId("two-factor-form")).ToBeVisibleAsync();
        await Expect(SignedInAs(page, "Mei Lin")).ToHaveCountAsync(0);
        await fx.ScreenshotAsync(page, "login");

        // A wrong code is refused and she stays on the code step.
        var code = TotpCode(sharedKey);
        await page.GetByTestId("two-factor-code").FillAsync(code == "000000" ? "111111" : "000000");
        await page.GetByTestId("two-factor-submit").ClickAsync();
        await Expect(page.GetByTestId("sign-in-error")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("two-factor-form")).ToBeVisibleAsync();

        await page.GetByTestId("two-factor-code").FillAsync(TotpCode(sharedKey));
        await page.GetByTestId("two-factor-submit").ClickAsync();
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Mei Lin");
        await page.GotoAsync("account");
        await Expect(page.GetByTestId("two-factor")).ToHaveAttributeAsync("data-enabled", "true");
    }

    [Fact]
    public void The_tests_authenticator_gives_the_RFC_6238_codes()
    {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890": 94287082 at 59 s and 07081804 at 1111111109 s (the last 6 digits).
        Assert.Equal("287082", TotpCode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));
        Assert.Equal("081804", TotpCode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", DateTimeOffset.FromUnixTimeSeconds(1111111109)));
    }

    /// <summary>An account made through the API (a precondition, not what the test watches): registered and confirmed from its mail.</summary>
    private async Task ConfirmedAccountAsync(string email, string name)
    {
        var registered = await accounts.Node.Http.PostAsJsonAsync("/api/auth/register", new RegisterRequest(email, Password, name, "MX"));
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var query = HttpUtility.ParseQueryString(new Uri(await accounts.MailedLinkAsync(email, "confirm-email")).Query);
        await BrowserFixture.Read<TokenResponse>(await accounts.Node.Http.PostAsJsonAsync("/api/auth/confirm-email", new ConfirmEmailRequest(query["userId"]!, query["token"]!)));
    }

    /// <summary>Nothing a page script can read holds the session: no token in storage, the refresh cookie HttpOnly.</summary>
    private static async Task AssertNoTokenInScriptReachAsync(IPage page, IBrowserContext context)
    {
        var storage = await page.EvaluateAsync<Dictionary<string, string>>(
            "() => Object.fromEntries([...Array(localStorage.length).keys()].map(i => localStorage.key(i)).map(k => [k, localStorage.getItem(k)]))");
        Assert.DoesNotContain("livecommerce.auth", storage.Keys);
        Assert.All(storage, entry => Assert.DoesNotMatch(@"eyJ[\w-]+\.[\w-]+\.", entry.Value)); // no JWT anywhere
        var session = await page.EvaluateAsync<string[]>(
            "() => [...Array(sessionStorage.length).keys()].map(i => sessionStorage.getItem(sessionStorage.key(i)))");
        Assert.All(session, value => Assert.DoesNotMatch(@"eyJ[\w-]+\.[\w-]+\.", value));
        Assert.DoesNotContain("lc_refresh", await page.EvaluateAsync<string>("() => document.cookie"));
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "lc_refresh" && c.HttpOnly && c.Path == "/api/auth");
    }

    /// <summary>An authenticator app's current code (RFC 6238: HMAC-SHA-1, 30 s steps, 6 digits) for a base32 key.</summary>
    internal static string TotpCode(string base32Key, DateTimeOffset? at = null)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var key = new List<byte>();
        int bits = 0, value = 0;
        foreach (var c in base32Key.Where(c => !char.IsWhiteSpace(c) && c != '=').Select(char.ToUpperInvariant))
        {
            var digit = alphabet.IndexOf(c, StringComparison.Ordinal);
            Assert.True(digit >= 0, $"'{c}' is not base32");
            value = (value << 5) | digit;
            bits += 5;
            if (bits >= 8)
            {
                key.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        var counter = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key.ToArray(), counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }
}
