using System.Net;
using LiveCommerce.Client.Auth;
using LiveCommerce.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The session: tokens in memory only, restored and renewed through the refresh cookie.</summary>
public sealed class AuthSessionTests
{
    private const string Refresh = "POST /api/auth/refresh";

    [Fact]
    public async Task Start_restores_the_session_from_the_refresh_cookie()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.On(Refresh, HttpStatusCode.OK, Token("tok-restored"));

        await ctx.Session.RestoreAsync();

        Assert.True(ctx.Session.IsSignedIn);
        Assert.Equal(new CurrentUser("u-viewer-sam", "Sam", Roles.Viewer, IsGuest: false), ctx.Session.User);
        Assert.Equal("tok-restored", await ctx.Session.GetTokenAsync());

        // The browser's cookie carries the refresh token: the body names none.
        var request = Assert.Single(ctx.Http.To(Refresh));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, request.Json.GetProperty("refreshToken").ValueKind);
    }

    [Fact]
    public async Task Start_without_a_session_stays_signed_out_quietly()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.Refuse(Refresh, HttpStatusCode.Unauthorized, ErrorCodes.InvalidRefreshToken);
        var changes = 0;
        ctx.Session.Changed += () => changes++;

        await ctx.Session.RestoreAsync();

        Assert.False(ctx.Session.IsSignedIn);
        Assert.Null(ctx.Session.User);
        Assert.Equal(0, changes);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed_first_and_concurrent_callers_share_one_refresh()
    {
        using var ctx = new ClientTestContext();
        var answer = new TaskCompletionSource<HttpResponseMessage>();
        ctx.Http.Routes[Refresh] = _ => answer.Task;
        ctx.SignedIn(Token("tok-1", expiresAt: T0.AddMinutes(15)));

        // Well before expiry: the token as it is, no refresh.
        ctx.Clock.Now = T0.AddMinutes(10);
        Assert.Equal("tok-1", await ctx.Session.GetTokenAsync());
        Assert.Empty(ctx.Http.To(Refresh));

        // Within a minute of expiry: the hub and an API call both ask; one refresh serves both.
        ctx.Clock.Now = T0.AddMinutes(14).AddSeconds(30);
        var forHub = ctx.Session.GetTokenAsync();
        var forApi = ctx.Session.GetRequestTokenAsync();
        Assert.False(forHub.IsCompleted);
        Assert.False(forApi.IsCompleted);
        await Eventually(() => ctx.Http.To(Refresh).Count == 1);

        answer.SetResult(ScriptedHttp.Json(HttpStatusCode.OK, Token("tok-2", expiresAt: T0.AddMinutes(30))));
        Assert.Equal("tok-2", await forHub);
        Assert.Equal("tok-2", await forApi);
        Assert.Single(ctx.Http.To(Refresh));
        Assert.True(ctx.Session.IsSignedIn);

        // Fresh again: no further refresh.
        Assert.Equal("tok-2", await ctx.Session.GetTokenAsync());
        Assert.Single(ctx.Http.To(Refresh));
    }

    [Fact]
    public async Task A_refresh_answered_401_signs_out_here_and_continues_as_a_guest()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.Refuse(Refresh, HttpStatusCode.Unauthorized, ErrorCodes.RefreshTokenReused);
        ctx.Http.On("POST /api/auth/guest", HttpStatusCode.OK, new TokenResponse("guest-tok", "g-1", "Guest 1", Roles.Viewer) { ExpiresAt = T0.AddHours(1) });
        ctx.SignedIn(Token("tok-1", expiresAt: T0.AddMinutes(15)));
        var changes = 0;
        ctx.Session.Changed += () => changes++;

        ctx.Clock.Now = T0.AddMinutes(15).AddSeconds(1);
        var token = await ctx.Session.GetTokenAsync();

        Assert.Equal("guest-tok", token);
        Assert.False(ctx.Session.IsSignedIn);
        Assert.True(ctx.Session.User?.IsGuest);
        Assert.True(changes >= 1);
    }

    [Fact]
    public async Task An_api_call_refused_as_unauthenticated_refreshes_once_and_retries()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.On(Refresh, HttpStatusCode.OK, Token("tok-2"));
        ctx.Http.Routes["GET /api/me"] = r => Task.FromResult(r.BearerToken == "tok-2"
            ? ScriptedHttp.Json(HttpStatusCode.OK, Me())
            : new HttpResponseMessage(HttpStatusCode.Unauthorized)); // the server restarted and forgot tok-1
        ctx.SignedIn(Token("tok-1"));

        var me = await ctx.Services.GetRequiredService<LiveCommerce.Client.Features.Accounts.AccountApi>().MeAsync();

        Assert.Equal("sam@example.com", me.Email);
        Assert.Equal(["tok-1", "tok-2"], ctx.Http.To("GET /api/me").Select(r => r.BearerToken));
    }

    [Fact]
    public async Task Sign_out_tells_the_server_and_forgets_the_account()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.On("POST /api/auth/logout", HttpStatusCode.NoContent);
        ctx.SignedIn();

        await ctx.Session.SignOutAsync();

        Assert.False(ctx.Session.IsSignedIn);
        var logout = Assert.Single(ctx.Http.To("POST /api/auth/logout"));
        Assert.False(logout.Json.GetProperty("everywhere").GetBoolean());
        Assert.Equal("tok-1", logout.BearerToken);
    }

    [Fact]
    public async Task Nothing_token_like_is_written_to_browser_storage()
    {
        using var ctx = new ClientTestContext();
        ctx.Http.On(Refresh, HttpStatusCode.OK, Token("tok-restored"));
        ctx.Http.On("POST /api/auth/login", HttpStatusCode.OK, Token("tok-login"));
        ctx.Http.On("POST /api/auth/logout", HttpStatusCode.NoContent);

        await LegacyTokenStorage.ForgetAsync(ctx.JSInterop.JSRuntime);
        await ctx.Session.RestoreAsync();
        await ctx.Session.SignOutAsync();
        await ctx.Session.SignInAsync("sam@example.com", "pw-123456");
        ctx.Clock.Now = T0.AddMinutes(14).AddSeconds(30);
        await ctx.Session.GetTokenAsync();

        // The only storage call: removing what an older version of the app stored.
        var invocation = Assert.Single(ctx.JSInterop.Invocations);
        Assert.Equal("localStorage.removeItem", invocation.Identifier);
        Assert.DoesNotContain(ctx.JSInterop.Invocations, i => i.Arguments.Any(a => a is string s && s.Contains("tok-", StringComparison.Ordinal)));
    }

    /// <summary>Requests reach the scripted handler through HttpClient's async pipeline.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
