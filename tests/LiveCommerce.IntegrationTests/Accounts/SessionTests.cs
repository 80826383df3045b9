using System.Net;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.IntegrationTests.Accounts;

/// <summary>Sign-up to sign-out on real PostgreSQL, with the mail read from the real SMTP server.</summary>
public sealed class SessionTests(AccountsNode accounts) : IClassFixture<AccountsNode>
{
    [Fact]
    public async Task Sign_up_confirm_from_the_mail_sign_in_refresh_detect_reuse_and_sign_out()
    {
        var email = AccountsNode.NewEmail();
        var (userId, token) = await accounts.SignUpAsync(email);

        // Not yet confirmed: the right password is not enough (and a fresh link is mailed).
        var early = await accounts.PostAsync("/api/auth/login", new LoginRequest(email, AccountsNode.Password));
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Equal(ErrorCodes.EmailNotConfirmed, await accounts.ErrorCodeAsync(early));

        var confirmed = await AccountsNode.ReadAsync<TokenResponse>(await accounts.PostAsync("/api/auth/confirm-email", new ConfirmEmailRequest(userId, token)));
        Assert.Equal(userId, confirmed.UserId);
        Assert.Equal(Roles.Viewer, confirmed.Role);
        Assert.NotNull(confirmed.RefreshToken);
        Assert.InRange(confirmed.ExpiresAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(61));

        // The link works once.
        var again = await accounts.PostAsync("/api/auth/confirm-email", new ConfirmEmailRequest(userId, token));
        Assert.Equal(ErrorCodes.InvalidLink, await accounts.ErrorCodeAsync(again));

        var session = await accounts.LoginAsync(email);
        using var me = accounts.Node.Authorized(session.Token);
        var profile = await AccountsNode.ReadAsync<MeDto>(await me.GetAsync("/api/me"));
        Assert.Equal((email, "Rosa Díaz", true), (profile.Email, profile.DisplayName, profile.EmailConfirmed));

        var rotated = await AccountsNode.ReadAsync<TokenResponse>(await accounts.PostAsync("/api/auth/refresh", new RefreshRequest(session.RefreshToken)));
        Assert.NotEqual(session.RefreshToken, rotated.RefreshToken);

        // The spent token comes back: a replay. The whole family ends, the newest token too.
        var replay = await accounts.PostAsync("/api/auth/refresh", new RefreshRequest(session.RefreshToken));
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(ErrorCodes.RefreshTokenReused, await accounts.ErrorCodeAsync(replay));
        var afterReplay = await accounts.PostAsync("/api/auth/refresh", new RefreshRequest(rotated.RefreshToken));
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.InvalidRefreshToken), (afterReplay.StatusCode, await accounts.ErrorCodeAsync(afterReplay)));

        // Signing out ends that session only; another sign-in still refreshes until "everywhere".
        var phone = await accounts.LoginAsync(email);
        var laptop = await accounts.LoginAsync(email);
        Assert.Equal(HttpStatusCode.NoContent, (await accounts.PostAsync("/api/auth/logout", new LogoutRequest(phone.RefreshToken))).StatusCode);
        Assert.Equal(ErrorCodes.InvalidRefreshToken, await accounts.ErrorCodeAsync(await accounts.PostAsync("/api/auth/refresh", new RefreshRequest(phone.RefreshToken))));
        var laptopNext = await AccountsNode.ReadAsync<TokenResponse>(await accounts.PostAsync("/api/auth/refresh", new RefreshRequest(laptop.RefreshToken)));

        var tablet = await accounts.LoginAsync(email);
        Assert.Equal(HttpStatusCode.NoContent, (await accounts.PostAsync("/api/auth/logout", new LogoutRequest(tablet.RefreshToken, Everywhere: true))).StatusCode);
        Assert.Equal(ErrorCodes.InvalidRefreshToken, await accounts.ErrorCodeAsync(await accounts.PostAsync("/api/auth/refresh", new RefreshRequest(laptopNext.RefreshToken))));
    }

    [Fact]
    public async Task A_browser_session_lives_in_an_http_only_cookie_scoped_to_the_auth_endpoints()
    {
        var session = await accounts.ConfirmedAccountAsync();
        var email = (await AccountsNode.ReadAsync<MeDto>(await accounts.Node.Authorized(session.Token).GetAsync("/api/me"))).Email;

        using var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = accounts.Node.Address };
        using var login = await browser.PostAsync("/api/auth/login", System.Net.Http.Json.JsonContent.Create(new LoginRequest(email, AccountsNode.Password)));
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/auth", setCookie, StringComparison.OrdinalIgnoreCase);

        // No body: the cookie carries the refresh token, and the answer sets the next one.
        using var refreshed = await browser.PostAsync("/api/auth/refresh", content: null);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        using var signedOut = await browser.PostAsync("/api/auth/logout", content: null);
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        using var after = await browser.PostAsync("/api/auth/refresh", content: null);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Twenty_refreshes_racing_with_one_token_let_at_most_one_through_and_then_end_the_family()
    {
        var session = await accounts.ConfirmedAccountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            accounts.PostAsync("/api/auth/refresh", new RefreshRequest(session.RefreshToken)))));

        var won = answers.Where(a => a.StatusCode == HttpStatusCode.OK).ToList();
        Assert.True(won.Count <= 1, $"{won.Count} refreshes with one token succeeded");
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        foreach (var winner in won)
        {
            var next = await AccountsNode.ReadAsync<TokenResponse>(winner);
            Assert.Equal(HttpStatusCode.Unauthorized, (await accounts.PostAsync("/api/auth/refresh", new RefreshRequest(next.RefreshToken))).StatusCode);
        }
    }

    [Fact]
    public async Task Sign_up_with_a_taken_address_answers_the_same_mails_the_owner_and_changes_nothing()
    {
        var email = AccountsNode.NewEmail();
        await accounts.ConfirmedAccountAsync(email);

        var second = await accounts.PostAsync("/api/auth/register", new RegisterRequest(email, "Another-Pass-77", "Impostor", null));
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(MailSentResponse.CheckYourEmail, (await AccountsNode.ReadAsync<MailSentResponse>(second)).Status);

        await accounts.LinkAsync(email, "/forgot-password");
        Assert.Equal(ErrorCodes.InvalidCredentials, await accounts.ErrorCodeAsync(await accounts.PostAsync("/api/auth/login", new LoginRequest(email, "Another-Pass-77"))));
        Assert.Equal("Rosa Díaz", (await accounts.LoginAsync(email)).DisplayName);
    }

    [Fact]
    public async Task Ten_sign_ups_racing_for_one_address_make_one_account()
    {
        var email = AccountsNode.NewEmail();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            accounts.PostAsync("/api/auth/register", new RegisterRequest(email, AccountsNode.Password, $"Racer {i}", null)))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var confirmation = await accounts.LinkAsync(email, "/confirm-email");
        await using var work = accounts.Node.Get<IServiceScopeFactory>().CreateAsyncScope();
        var db = work.ServiceProvider.GetRequiredService<AccountsDbContext>();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));
        Assert.NotNull(confirmation["userId"]);
    }

    [Theory]
    [InlineData("short1A")]
    [InlineData("alllowercase99")]
    [InlineData("Password1234")]
    [InlineData("Qwerty-12345")]
    [InlineData("Aaaaaaaaaaaa1")]
    [InlineData("Rosa-Diaz-2026")]
    public async Task Weak_and_guessable_passwords_are_refused_and_no_account_is_made(string password)
    {
        var email = AccountsNode.NewEmail();

        var answer = await accounts.PostAsync("/api/auth/register", new RegisterRequest(email, password, "Rosa Diaz", null));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(ErrorCodes.WeakPassword, await accounts.ErrorCodeAsync(answer));
        await using var work = accounts.Node.Get<IServiceScopeFactory>().CreateAsyncScope();
        var db = work.ServiceProvider.GetRequiredService<AccountsDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_until_a_reset()
    {
        var email = AccountsNode.NewEmail();
        await accounts.ConfirmedAccountAsync(email);

        var codes = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add(await accounts.ErrorCodeAsync(await accounts.PostAsync("/api/auth/login", new LoginRequest(email, "Wrong-Guess-" + i))));
        }

        Assert.Equal([.. Enumerable.Repeat(ErrorCodes.InvalidCredentials, 4), ErrorCodes.LockedOut], codes);
        var right = await accounts.PostAsync("/api/auth/login", new LoginRequest(email, AccountsNode.Password));
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);

        await accounts.PostAsync("/api/auth/forgot-password", new ForgotPasswordRequest(email));
        var reset = await accounts.LinkAsync(email, "/reset-password");
        var done = await accounts.PostAsync("/api/auth/reset-password", new ResetPasswordRequest(reset["userId"]!, reset["token"]!, "Brand-New-Pass-8"));
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.NotNull((await accounts.LoginAsync(email, "Brand-New-Pass-8")).RefreshToken);
    }

    [Fact]
    public async Task A_password_reset_works_once_ends_every_session_and_the_old_password()
    {
        var email = AccountsNode.NewEmail();
        var before = await accounts.ConfirmedAccountAsync(email);
        var unknown = await accounts.PostAsync("/api/auth/forgot-password", new ForgotPasswordRequest(AccountsNode.NewEmail()));
        var known = await accounts.PostAsync("/api/auth/forgot-password", new ForgotPasswordRequest(email));
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (unknown.StatusCode, known.StatusCode));
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());

        var link = await accounts.LinkAsync(email, "/reset-password");
        var weak = await accounts.PostAsync("/api/auth/reset-password", new ResetPasswordRequest(link["userId"]!, link["token"]!, "weak"));
        Assert.Equal(ErrorCodes.WeakPassword, await accounts.ErrorCodeAsync(weak));
        Assert.Equal(HttpStatusCode.NoContent, (await accounts.PostAsync("/api/auth/reset-password", new ResetPasswordRequest(link["userId"]!, link["token"]!, "Second-Pass-99"))).StatusCode);

        var reused = await accounts.PostAsync("/api/auth/reset-password", new ResetPasswordRequest(link["userId"]!, link["token"]!, "Third-Pass-123"));
        Assert.Equal(ErrorCodes.InvalidLink, await accounts.ErrorCodeAsync(reused));
        Assert.Equal(ErrorCodes.InvalidRefreshToken, await accounts.ErrorCodeAsync(await accounts.PostAsync("/api/auth/refresh", new RefreshRequest(before.RefreshToken))));
        Assert.Equal(ErrorCodes.InvalidCredentials, await accounts.ErrorCodeAsync(await accounts.PostAsync("/api/auth/login", new LoginRequest(email, AccountsNode.Password))));
        Assert.NotNull((await accounts.LoginAsync(email, "Second-Pass-99")).RefreshToken);
    }

    [Fact]
    public async Task Two_factor_sign_in_asks_for_the_authenticator_code_and_refuses_a_wrong_one()
    {
        var email = AccountsNode.NewEmail();
        var session = await accounts.ConfirmedAccountAsync(email);
        var setup = await AccountsNode.ReadAsync<TwoFactorSetupDto>(await accounts.PostAsync("/api/me/two-factor", null, session.Token));
        Assert.StartsWith("otpauth://totp/", setup.AuthenticatorUri, StringComparison.Ordinal);

        var wrong = await accounts.PostAsync("/api/me/two-factor/enable", new TwoFactorCodeRequest("000000"), session.Token);
        Assert.Equal(ErrorCodes.InvalidTwoFactorCode, await accounts.ErrorCodeAsync(wrong));
        var enabled = await accounts.PostAsync("/api/me/two-factor/enable", new TwoFactorCodeRequest(AccountsNode.TotpCode(setup.SharedKey)), session.Token);
        Assert.Equal(HttpStatusCode.NoContent, enabled.StatusCode);

        var withoutCode = await accounts.PostAsync("/api/auth/login", new LoginRequest(email, AccountsNode.Password));
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.TwoFactorRequired), (withoutCode.StatusCode, await accounts.ErrorCodeAsync(withoutCode)));
        var badCode = await accounts.PostAsync("/api/auth/login", new LoginRequest(email, AccountsNode.Password, "123456"));
        Assert.Equal(ErrorCodes.InvalidTwoFactorCode, await accounts.ErrorCodeAsync(badCode));
        var signedIn = await accounts.LoginAsync(email, code: AccountsNode.TotpCode(setup.SharedKey));
        Assert.True((await AccountsNode.ReadAsync<MeDto>(await accounts.Node.Authorized(signedIn.Token).GetAsync("/api/me"))).TwoFactorEnabled);
    }
}
