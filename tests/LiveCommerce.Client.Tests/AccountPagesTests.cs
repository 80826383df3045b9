using System.Net;
using LiveCommerce.Client.Features.Accounts;
using LiveCommerce.Client.Features.Comments;
using LiveCommerce.Client.Features.Sales;
using LiveCommerce.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The account pages as a person uses them, over the scripted HTTP API.</summary>
public sealed class AccountPagesTests
{
    private static void GoTo(ClientTestContext ctx, string relative) =>
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(relative);

    private static string Here(ClientTestContext ctx)
    {
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        return "/" + navigation.ToBaseRelativePath(navigation.Uri);
    }

    [Fact]
    public void Sign_up_says_check_your_email()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.On("POST /api/auth/register", HttpStatusCode.Accepted, new MailSentResponse(MailSentResponse.CheckYourEmail));
        var cut = ctx.Render<SignUp>();

        cut.Find("[data-testid=sign-up-email]").Change(" sam@example.com ");
        cut.Find("[data-testid=sign-up-name]").Change("Sam");
        cut.Find("[data-testid=sign-up-password]").Change("Secret-123");
        cut.Find("[data-testid=su-country]").Change("sg");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Check your email", cut.Find("[data-testid=check-your-email]").TextContent, StringComparison.Ordinal));
        Assert.Contains("sam@example.com", cut.Find("[data-testid=check-your-email]").TextContent, StringComparison.Ordinal);
        var body = Assert.Single(ctx.Http.To("POST /api/auth/register")).Json;
        Assert.Equal("sam@example.com", body.GetProperty("email").GetString());
        Assert.Equal("Sam", body.GetProperty("displayName").GetString());
        Assert.Equal("Secret-123", body.GetProperty("password").GetString());
        Assert.Equal("SG", body.GetProperty("country").GetString());
    }

    [Fact]
    public void Sign_up_with_a_weak_password_says_what_is_missing()
    {
        using var ctx = new ClientTestContext("es-ES");
        ctx.Http.Refuse("POST /api/auth/register", HttpStatusCode.BadRequest, ErrorCodes.WeakPassword, "Needs a digit.");
        var cut = ctx.Render<SignUp>();

        cut.Find("[data-testid=sign-up-email]").Change("sam@example.com");
        cut.Find("[data-testid=sign-up-name]").Change("Sam");
        cut.Find("[data-testid=sign-up-password]").Change("password");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Esa contraseña es demasiado débil. Needs a digit.", cut.Find("[data-testid=sign-up-error]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=check-your-email]"));
    }

    [Fact]
    public void Sign_in_asks_for_the_two_factor_code_when_the_server_wants_one_and_sends_it_with_the_password()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.Routes["POST /api/auth/login"] = r => Task.FromResult(r.Json.GetProperty("twoFactorCode").GetString() == "123456"
            ? ScriptedHttp.Json(HttpStatusCode.OK, Token("tok-2fa"))
            : ScriptedHttp.Json(HttpStatusCode.Unauthorized, new { code = ErrorCodes.TwoFactorRequired, detail = "Two-factor code required." }));
        GoTo(ctx, "login?returnUrl=%2Fwatch%2Fs1");
        var cut = ctx.Render<SignIn>();

        cut.Find("[data-testid=sign-in-email]").Change("sam@example.com");
        cut.Find("[data-testid=sign-in-password]").Change("Secret-123");
        cut.Find("[data-testid=sign-in-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=two-factor-form]"));
        Assert.Contains("6-digit code", cut.Find("[data-testid=two-factor-form]").TextContent, StringComparison.Ordinal);
        Assert.False(ctx.Session.IsSignedIn);

        cut.Find("[data-testid=two-factor-code]").Change("123 456");
        cut.Find("[data-testid=two-factor-form]").Submit();

        cut.WaitForAssertion(() => Assert.True(ctx.Session.IsSignedIn));
        var logins = ctx.Http.To("POST /api/auth/login");
        Assert.Equal(2, logins.Count);
        Assert.Equal("sam@example.com", logins[1].Json.GetProperty("email").GetString());
        Assert.Equal("Secret-123", logins[1].Json.GetProperty("password").GetString());
        Assert.Equal("123456", logins[1].Json.GetProperty("twoFactorCode").GetString());
        Assert.Equal("/watch/s1", Here(ctx)); // back where the sign-in started
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials, "That email and password don't match. Check them and try again.")]
    [InlineData(HttpStatusCode.Locked, ErrorCodes.LockedOut, "Too many failed attempts: this account is locked for a while. Try again later or reset your password.")]
    [InlineData(HttpStatusCode.Forbidden, ErrorCodes.EmailNotConfirmed, "Confirm your email address first: open the link in the mail we sent you.")]
    [InlineData(HttpStatusCode.Unauthorized, ErrorCodes.InvalidTwoFactorCode, "That code didn't work. Enter the current code from your authenticator app.")]
    public void Sign_in_refusals_read_as_sentences(HttpStatusCode status, string code, string shown)
    {
        using var ctx = new ClientTestContext();
        ctx.Http.Refuse("POST /api/auth/login", status, code);
        var cut = ctx.Render<SignIn>();

        cut.Find("[data-testid=sign-in-email]").Change("sam@example.com");
        cut.Find("[data-testid=sign-in-password]").Change("wrong");
        cut.Find("[data-testid=sign-in-form]").Submit();

        cut.WaitForAssertion(() => Assert.Equal(shown, cut.Find("[data-testid=sign-in-error]").TextContent));
        Assert.Equal(code, cut.Find("[data-testid=sign-in-error]").GetAttribute("data-code"));
        Assert.Equal("alert", cut.Find("[data-testid=sign-in-error]").GetAttribute("role"));
        Assert.False(ctx.Session.IsSignedIn);
        Assert.NotNull(cut.Find("[data-testid=forgot-password-link]"));
    }

    [Fact]
    public void Sign_in_offers_the_demo_cast_when_the_server_has_one()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.Answers["/api/auth/demo-accounts"] = new[] { new DemoAccountDto("mia", "Mia", Roles.Host) };
        ctx.Http.On("POST /api/auth/dev-login", HttpStatusCode.OK, Token("tok-mia", "u-host-mia", "Mia", Roles.Host));
        var cut = ctx.Render<SignIn>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=demo-account][data-handle=mia]").Click());

        cut.WaitForAssertion(() => Assert.Equal("Mia", ctx.Session.User?.DisplayName));
        Assert.Equal("mia", Assert.Single(ctx.Http.To("POST /api/auth/dev-login")).Json.GetProperty("user").GetString());
    }

    [Fact]
    public void The_confirmation_link_signs_the_account_in()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.On("POST /api/auth/confirm-email", HttpStatusCode.OK, Token("tok-new"));
        GoTo(ctx, "confirm-email?userId=u-viewer-sam&token=abc%2B1");

        var cut = ctx.Render<ConfirmEmail>();

        cut.WaitForAssertion(() => Assert.Contains("Welcome, Sam!", cut.Find("[data-testid=email-confirmed]").TextContent, StringComparison.Ordinal));
        Assert.True(ctx.Session.IsSignedIn);
        var body = Assert.Single(ctx.Http.To("POST /api/auth/confirm-email")).Json;
        Assert.Equal("u-viewer-sam", body.GetProperty("userId").GetString());
        Assert.Equal("abc+1", body.GetProperty("token").GetString());
    }

    [Fact]
    public void A_used_confirmation_link_says_so()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.Refuse("POST /api/auth/confirm-email", HttpStatusCode.BadRequest, ErrorCodes.InvalidLink);
        GoTo(ctx, "confirm-email?userId=u1&token=old");

        var cut = ctx.Render<ConfirmEmail>();

        cut.WaitForAssertion(() => Assert.Equal("This link has expired or was already used. Ask for a new one.", cut.Find("[data-testid=confirm-email-error]").TextContent));
        Assert.False(ctx.Session.IsSignedIn);
    }

    [Fact]
    public void Reset_password_sets_the_new_password_from_the_mail_link()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.On("POST /api/auth/reset-password", HttpStatusCode.NoContent);
        GoTo(ctx, "reset-password?userId=u1&token=t1");
        var cut = ctx.Render<ResetPassword>();

        cut.Find("[data-testid=new-password]").Change("New-secret-1");
        cut.Find("[data-testid=new-password-repeat]").Change("New-secret-2");
        cut.Find("form").Submit();
        Assert.Equal("The two passwords are not the same.", cut.Find("[data-testid=reset-password-error]").TextContent);
        Assert.Empty(ctx.Http.To("POST /api/auth/reset-password"));

        cut.Find("[data-testid=new-password]").Change("New-secret-1");
        cut.Find("[data-testid=new-password-repeat]").Change("New-secret-1");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Your password was changed. Sign in with the new one.", cut.Find("[data-testid=password-reset]").TextContent));
        var body = Assert.Single(ctx.Http.To("POST /api/auth/reset-password")).Json;
        Assert.Equal(("u1", "t1", "New-secret-1"), (body.GetProperty("userId").GetString(), body.GetProperty("token").GetString(), body.GetProperty("newPassword").GetString()));
    }

    [Fact]
    public void Reset_password_with_an_expired_link_offers_a_new_one()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.Refuse("POST /api/auth/reset-password", HttpStatusCode.BadRequest, ErrorCodes.InvalidLink);
        GoTo(ctx, "reset-password?userId=u1&token=t1");
        var cut = ctx.Render<ResetPassword>();

        cut.Find("[data-testid=new-password]").Change("New-secret-1");
        cut.Find("[data-testid=new-password-repeat]").Change("New-secret-1");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(ErrorCodes.InvalidLink, cut.Find("[data-testid=reset-password-error]").GetAttribute("data-code")));
        Assert.Equal("forgot-password", cut.Find("a[href=forgot-password]").GetAttribute("href"));
    }

    [Fact]
    public void The_account_page_saves_how_purchases_are_named()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.On("GET /api/me", HttpStatusCode.OK, Me());
        ctx.Http.On("PATCH /api/me", HttpStatusCode.OK, Me(purchaseName: PurchaseNames.CountryOnly));
        var cut = ctx.Render<Account>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=profile]"));
        Assert.True(cut.Find($"[data-testid=purchase-name][value={PurchaseNames.FirstNameAndCountry}]").HasAttribute("checked"));
        cut.Find($"[data-testid=purchase-name][value={PurchaseNames.CountryOnly}]").Change(PurchaseNames.CountryOnly);
        cut.Find("[data-testid=save-profile]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Saved.", cut.Find("[data-testid=profile-status]").TextContent));
        var body = Assert.Single(ctx.Http.To("PATCH /api/me")).Json;
        Assert.Equal(PurchaseNames.CountryOnly, body.GetProperty("purchaseName").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("displayName").ValueKind); // unchanged: not sent
        Assert.True(cut.Find($"[data-testid=purchase-name][value={PurchaseNames.CountryOnly}]").HasAttribute("checked"));
    }

    [Fact]
    public void Deleting_the_account_needs_the_password_and_signs_out()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.On("GET /api/me", HttpStatusCode.OK, Me());
        ctx.Http.On("DELETE /api/me", HttpStatusCode.NoContent);
        var cut = ctx.Render<Account>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=delete-account]"));
        Assert.Contains("cannot be undone", cut.Find("[data-testid=delete-warning]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=delete-account]").HasAttribute("disabled"));

        cut.Find("[data-testid=delete-password]").Input("Secret-123");
        Assert.False(cut.Find("[data-testid=delete-account]").HasAttribute("disabled"));
        cut.Find("[data-testid=delete-account]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Your account was deleted. Goodbye!", cut.Find("[data-testid=account-status]").TextContent));
        Assert.False(ctx.Session.IsSignedIn);
        Assert.Equal("Secret-123", Assert.Single(ctx.Http.To("DELETE /api/me")).Json.GetProperty("password").GetString());
        Assert.NotNull(cut.Find("[data-testid=account-signed-out]"));
    }

    [Fact]
    public void A_wrong_password_keeps_the_account()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.On("GET /api/me", HttpStatusCode.OK, Me());
        ctx.Http.Refuse("DELETE /api/me", HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials);
        var cut = ctx.Render<Account>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=delete-password]").Input("wrong"));
        cut.Find("[data-testid=delete-account]").Click();

        cut.WaitForAssertion(() => Assert.Equal(ErrorCodes.InvalidCredentials, cut.Find("[data-testid=delete-error]").GetAttribute("data-code")));
        Assert.True(ctx.Session.IsSignedIn);
        Assert.Empty(ctx.Http.To("POST /api/auth/refresh")); // a wrong password is an answer, not an expired token
    }

    [Fact]
    public void Sign_out_everywhere_asks_the_server_to_end_every_session()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.On("GET /api/me", HttpStatusCode.OK, Me());
        ctx.Http.On("POST /api/auth/logout", HttpStatusCode.NoContent);
        var cut = ctx.Render<Account>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=sign-out-everywhere]").Click());

        cut.WaitForAssertion(() => Assert.Equal("You're signed out on every device.", cut.Find("[data-testid=account-status]").TextContent));
        var logout = Assert.Single(ctx.Http.To("POST /api/auth/logout"));
        Assert.True(logout.Json.GetProperty("everywhere").GetBoolean());
        Assert.Equal("tok-1", logout.BearerToken);
        Assert.False(ctx.Session.IsSignedIn);
    }

    [Fact]
    public void Two_factor_setup_shows_the_key_and_turns_on_with_a_code()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.On("GET /api/me", HttpStatusCode.OK, Me());
        ctx.Http.On("POST /api/me/two-factor", HttpStatusCode.OK, new TwoFactorSetupDto("ABCD EFGH", "otpauth://totp/LiveCommerce:sam?secret=ABCDEFGH"));
        ctx.Http.On("POST /api/me/two-factor/enable", HttpStatusCode.NoContent);
        var cut = ctx.Render<Account>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=two-factor-start]").Click());
        cut.WaitForAssertion(() => Assert.Equal("ABCD EFGH", cut.Find("[data-testid=two-factor-key]").TextContent));
        Assert.StartsWith("otpauth://", cut.Find("[data-testid=two-factor-uri]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=two-factor-enable-code]").Change("654321");
        cut.Find("[data-testid=two-factor-enable]").Click();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=two-factor]").GetAttribute("data-enabled")));
        Assert.Equal("654321", Assert.Single(ctx.Http.To("POST /api/me/two-factor/enable")).Json.GetProperty("code").GetString());
    }

    [Fact]
    public void Becoming_a_host_refreshes_the_session_so_the_role_changes()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.On("GET /api/me", HttpStatusCode.OK, Me());
        ctx.Http.On("PUT /api/me/host-profile", HttpStatusCode.OK, new HostProfileDto("u-viewer-sam", "sam", "Sam", null, null, null, []));
        ctx.Http.On("POST /api/auth/refresh", HttpStatusCode.OK, Token("tok-host", role: Roles.Host));
        var cut = ctx.Render<Account>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=host-handle]").Change("@sam"));
        cut.Find("[data-testid=save-host-profile]").Click();

        cut.WaitForAssertion(() => Assert.Equal(Roles.Host, ctx.Session.User?.Role));
        Assert.Equal("sam", Assert.Single(ctx.Http.To("PUT /api/me/host-profile")).Json.GetProperty("handle").GetString());
    }

    [Fact]
    public void A_taken_handle_says_so()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.On("GET /api/me", HttpStatusCode.OK, Me());
        ctx.Http.Refuse("PUT /api/me/host-profile", HttpStatusCode.Conflict, ErrorCodes.HandleTaken);
        var cut = ctx.Render<Account>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=host-handle]").Change("mia"));
        cut.Find("[data-testid=save-host-profile]").Click();

        cut.WaitForAssertion(() => Assert.Equal("That handle is taken. Try another one.", cut.Find("[data-testid=host-profile-error]").TextContent));
        Assert.Equal(Roles.Viewer, ctx.Session.User?.Role);
    }

    [Fact]
    public void The_team_page_invites_by_email_and_explains_a_role_too_low()
    {
        using var ctx = new ClientTestContext().SignedIn(Token(brandId: "b1"));
        ctx.Http.On("GET /api/me", HttpStatusCode.OK, Me(brands: [new BrandMembershipDto("b1", "Glow", BrandRoles.Owner)]));
        ctx.Http.On("GET /api/brands/b1/members", HttpStatusCode.OK, new BrandTeamDto("b1", [new BrandMemberDto("u-viewer-sam", "Sam", "sam@example.com", BrandRoles.Owner)], []));
        ctx.Http.On("POST /api/brands/b1/members", HttpStatusCode.Accepted, new BrandInvitationDto("inv-1", "lee@example.com", BrandRoles.Manager, T0.AddDays(7)));
        var cut = ctx.Render<Team>();

        cut.WaitForAssertion(() => Assert.Equal("Glow team", cut.Find("h1").TextContent));
        Assert.Equal(BrandRoles.Owner, cut.Find("[data-testid=member]").GetAttribute("data-role"));
        Assert.NotNull(cut.Find("[data-testid=no-invitations]"));

        cut.Find("[data-testid=invite-email]").Change("lee@example.com");
        cut.Find("[data-testid=invite-role]").Change(BrandRoles.Manager);
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Invitation sent to lee@example.com.", cut.Find("[data-testid=team-status]").TextContent));
        Assert.Contains("lee@example.com", cut.Find("[data-testid=invitation]").TextContent, StringComparison.Ordinal);
        var body = Assert.Single(ctx.Http.To("POST /api/brands/b1/members")).Json;
        Assert.Equal(("lee@example.com", BrandRoles.Manager), (body.GetProperty("email").GetString(), body.GetProperty("role").GetString()));

        // A staff member may not invite: the server says role_too_low.
        ctx.Http.Refuse("POST /api/brands/b1/members", HttpStatusCode.Forbidden, ErrorCodes.RoleTooLow);
        cut.Find("[data-testid=invite-email]").Change("kim@example.com");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Your role in this brand doesn't allow that. Ask an owner.", cut.Find("[data-testid=team-error]").TextContent));
        Assert.Equal(ErrorCodes.RoleTooLow, cut.Find("[data-testid=team-error]").GetAttribute("data-code"));
    }

    [Fact]
    public void Removing_the_last_owner_is_explained()
    {
        using var ctx = new ClientTestContext().SignedIn(Token(brandId: "b1"));
        ctx.Http.On("GET /api/me", HttpStatusCode.OK, Me(brands: [new BrandMembershipDto("b1", "Glow", BrandRoles.Owner)]));
        ctx.Http.On("GET /api/brands/b1/members", HttpStatusCode.OK, new BrandTeamDto("b1", [new BrandMemberDto("u-viewer-sam", "Sam", "sam@example.com", BrandRoles.Owner)], []));
        ctx.Http.Refuse("DELETE /api/brands/b1/members/u-viewer-sam", HttpStatusCode.Conflict, ErrorCodes.LastOwner);
        var cut = ctx.Render<Team>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=remove-member]").Click());

        cut.WaitForAssertion(() => Assert.Equal("A brand needs at least one owner. Make someone else an owner first.", cut.Find("[data-testid=team-error]").TextContent));
        Assert.Single(cut.FindAll("[data-testid=member]"));
    }

    [Fact]
    public void An_invitation_link_opened_signed_out_goes_to_sign_in_and_back()
    {
        using var ctx = new ClientTestContext();
        GoTo(ctx, "invitations/accept?token=inv-token");

        ctx.Render<AcceptInvitation>();

        Assert.Equal("/login?returnUrl=" + Uri.EscapeDataString("/invitations/accept?token=inv-token"), Here(ctx));
        Assert.Empty(ctx.Http.To("POST /api/invitations/accept"));
    }

    [Fact]
    public void Accepting_an_invitation_joins_the_brand_and_refreshes_the_session()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.On("POST /api/invitations/accept", HttpStatusCode.OK, new BrandMembershipDto("b1", "Glow", BrandRoles.Staff));
        ctx.Http.On("POST /api/auth/refresh", HttpStatusCode.OK, Token("tok-2", role: Roles.Brand, brandId: "b1"));
        GoTo(ctx, "invitations/accept?token=inv-token");

        var cut = ctx.Render<AcceptInvitation>();

        cut.WaitForAssertion(() => Assert.Equal("You joined Glow as Staff.", cut.Find("[data-testid=invitation-accepted]").TextContent));
        Assert.Equal("inv-token", Assert.Single(ctx.Http.To("POST /api/invitations/accept")).Json.GetProperty("token").GetString());
        Assert.Equal("b1", ctx.Session.User?.BrandId);
    }

    [Fact]
    public void An_invitation_for_another_address_says_so()
    {
        using var ctx = new ClientTestContext().SignedIn();
        ctx.Http.Refuse("POST /api/invitations/accept", HttpStatusCode.Forbidden, ErrorCodes.InvitationWrongAccount);
        GoTo(ctx, "invitations/accept?token=inv-token");

        var cut = ctx.Render<AcceptInvitation>();

        cut.WaitForAssertion(() => Assert.Equal(ErrorCodes.InvitationWrongAccount, cut.Find("[data-testid=invitation-error]").GetAttribute("data-code")));
        Assert.Contains("different email address", cut.Find("[data-testid=invitation-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guest_sees_sign_in_links_instead_of_buy_and_comment_controls()
    {
        using var ctx = new ClientTestContext();
        GoTo(ctx, "watch/s1");
        var sale = new FlashSaleDto("fs-1", SaleKind.Flash, "p1", null, "Glow Serum flash", "u-brand-glow", 9.99m, "USD", 10, 5, 5, 0,
            T0, T0.AddMinutes(5), 2, 300, ["s1"], SaleStatus.Live);

        var buy = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, sale).Add(x => x.StreamId, "s1"));
        var comments = ctx.Render<CommentsPanel>(p => p.Add(x => x.StreamId, "s1"));

        var buyLink = buy.Find("[data-testid=sign-in-to-buy]");
        Assert.Equal("Sign in to buy", buyLink.TextContent);
        Assert.Equal("login?returnUrl=%2Fwatch%2Fs1", buyLink.GetAttribute("href"));
        Assert.Empty(buy.FindAll("[data-testid=buy]"));
        var commentLink = comments.Find("[data-testid=sign-in-to-comment]");
        Assert.Equal("Sign in to comment", commentLink.TextContent);
        Assert.Equal("login?returnUrl=%2Fwatch%2Fs1", commentLink.GetAttribute("href"));
        Assert.Empty(comments.FindAll("[data-testid=comment-input]"));

        // Signing in (e.g. in another part of the page) brings the controls back.
        ctx.SignedIn();
        buy.WaitForAssertion(() => buy.Find("[data-testid=buy]"));
        comments.WaitForAssertion(() => comments.Find("[data-testid=comment-input]"));
    }

    [Fact]
    public void The_header_offers_sign_in_and_sign_up_to_guests_and_the_account_pages_to_members()
    {
        using var ctx = new ClientTestContext();
        GoTo(ctx, "watch/s1");
        var cut = ctx.Render<LiveCommerce.Client.Auth.UserMenu>();

        Assert.Equal("login?returnUrl=%2Fwatch%2Fs1", cut.Find("[data-testid=sign-in]").GetAttribute("href"));
        Assert.Equal("signup?returnUrl=%2Fwatch%2Fs1", cut.Find("[data-testid=sign-up]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=nav-account]"));

        ctx.SignedIn(Token(brandId: "b1", role: Roles.Brand));

        cut.WaitForAssertion(() => Assert.Contains("Sam", cut.Find("[data-testid=current-user]").TextContent, StringComparison.Ordinal));
        Assert.Equal("account", cut.Find("[data-testid=nav-account]").GetAttribute("href"));
        Assert.Equal("brand/team", cut.Find("[data-testid=nav-team]").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid=sign-out]"));
        Assert.Empty(cut.FindAll("[data-testid=sign-up]"));
    }

    [Fact]
    public void Forgot_password_says_check_your_email_whatever_the_address()
    {
        using var ctx = new ClientTestContext("zh-CN");
        ctx.Http.On("POST /api/auth/forgot-password", HttpStatusCode.Accepted, new MailSentResponse(MailSentResponse.CheckYourEmail));
        var cut = ctx.Render<ForgotPassword>();

        cut.Find("[data-testid=forgot-password-email]").Change("who@example.com");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("请查收邮件", cut.Find("[data-testid=check-your-email]").TextContent, StringComparison.Ordinal));
        Assert.Equal("who@example.com", Assert.Single(ctx.Http.To("POST /api/auth/forgot-password")).Json.GetProperty("email").GetString());
    }
}
