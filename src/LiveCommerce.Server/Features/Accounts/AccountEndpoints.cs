using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>Sign-up, sign-in and sessions (<c>/api/auth</c>), the account itself (<c>/api/me</c>), brand teams.</summary>
public static class AccountEndpoints
{
    /// <summary>The refresh token's cookie: HttpOnly (no script reads it), sent only to <c>/api/auth</c>.</summary>
    public const string RefreshCookie = "lc_refresh";

    private const string CookiePath = "/api/auth";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous by nature, and limited per client address (brute force, mail floods).
        var auth = app.MapGroup("/api/auth").WithTags("Accounts").RequireRateLimiting(RateLimits.Auth).AllowAnonymous();
        auth.MapPost("/register", async (RegisterRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
            TypedResults.Accepted((string?)null, await sender.Send(new Register(request, RequestBase(http)), ct)));
        auth.MapPost("/confirm-email", async (ConfirmEmailRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(WriteSession(http, await sender.Send(new ConfirmEmail(request), ct))));
        auth.MapPost("/login", async (LoginRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(WriteSession(http, await sender.Send(new SignIn(request, RequestBase(http)), ct))));
        auth.MapPost("/refresh", async (RefreshRequest? request, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            try
            {
                return TypedResults.Ok(WriteSession(http, await sender.Send(new RefreshSession(request?.RefreshToken ?? http.Request.Cookies[RefreshCookie]), ct)));
            }
            catch (AppException)
            {
                http.Response.Cookies.Delete(RefreshCookie, CookieOptions(http));
                throw;
            }
        });
        auth.MapPost("/logout", async (LogoutRequest? request, HttpContext http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var userId = user.Identity?.IsAuthenticated == true ? Actor.From(user).UserId : null;
            await sender.Send(new SignOut(request?.RefreshToken ?? http.Request.Cookies[RefreshCookie], request?.Everywhere ?? false, userId), ct);
            http.Response.Cookies.Delete(RefreshCookie, CookieOptions(http));
            return TypedResults.NoContent();
        });
        auth.MapPost("/forgot-password", async (ForgotPasswordRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
            TypedResults.Accepted((string?)null, await sender.Send(new ForgotPassword(request, RequestBase(http)), ct)));
        auth.MapPost("/reset-password", async (ResetPasswordRequest request, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new ResetPassword(request), ct);
            return TypedResults.NoContent();
        });

        var me = app.MapGroup("/api/me").WithTags("Accounts").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        me.MapGet("/", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetMe(Actor.From(user)), ct)));
        me.MapPatch("/", async (UpdateMeRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateMe(Actor.From(user), request), ct)));
        me.MapDelete("/", async ([FromBody] DeleteAccountRequest request, HttpContext http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new DeleteMyAccount(Actor.From(user), request), ct);
            http.Response.Cookies.Delete(RefreshCookie, CookieOptions(http));
            return TypedResults.NoContent();
        });
        me.MapGet("/export", async (ClaimsPrincipal user, ISender sender, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
        {
            var export = await sender.Send(new ExportMyData(Actor.From(user)), ct);
            var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(export, json.Value.SerializerOptions);
            return TypedResults.File(bytes, "application/json", $"livecommerce-{export.Account.UserId}.json");
        });
        me.MapPost("/password", async (ChangePasswordRequest request, HttpContext http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(WriteSession(http, await sender.Send(new ChangePassword(Actor.From(user), request), ct))));
        me.MapPost("/two-factor", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetUpTwoFactor(Actor.From(user)), ct)));
        me.MapPost("/two-factor/enable", async (TwoFactorCodeRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new SetTwoFactor(Actor.From(user), request, Enabled: true), ct);
            return TypedResults.NoContent();
        });
        me.MapPost("/two-factor/disable", async (TwoFactorCodeRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new SetTwoFactor(Actor.From(user), request, Enabled: false), ct);
            return TypedResults.NoContent();
        });
        me.MapPut("/host-profile", async (HostProfileRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetHostProfile(Actor.From(user), request), ct)));

        var brands = app.MapGroup("/api/brands").WithTags("Accounts").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        brands.MapPost("/", async (CreateBrandRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var brand = await sender.Send(new CreateBrand(Actor.From(user), request), ct);
            return TypedResults.Created($"/api/brands/{brand.Id}", brand);
        });
        brands.MapGet("/{id}/members", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetBrandTeam(Actor.From(user), id), ct)));
        brands.MapPost("/{id}/members", async (string id, InviteMemberRequest request, HttpContext http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Accepted((string?)null, await sender.Send(new InviteMember(Actor.From(user), id, request, RequestBase(http)), ct)));
        brands.MapDelete("/{id}/members/{userId}", async (string id, string userId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new RemoveMember(Actor.From(user), id, userId), ct);
            return TypedResults.NoContent();
        });

        app.MapPost("/api/invitations/accept", async (AcceptInvitationRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AcceptInvitation(Actor.From(user), request), ct)))
            .WithTags("Accounts").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        return app;
    }

    /// <summary>Sets the refresh cookie for a new or rotated session and returns the session for the body.</summary>
    public static TokenResponse WriteSession(HttpContext http, TokenResponse session)
    {
        if (session.RefreshToken is { } value)
        {
            var lifetime = http.RequestServices.GetRequiredService<IOptions<AccountsOptions>>().Value.RefreshTokenLifetime;
            var options = CookieOptions(http);
            options.MaxAge = lifetime;
            http.Response.Cookies.Append(RefreshCookie, value, options);
        }

        return session;
    }

    private static CookieOptions CookieOptions(HttpContext http) => new()
    {
        HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = CookiePath, IsEssential = true,
    };

    /// <summary>Where this request came to (after the forwarded-headers middleware), for mailed links when no public address is configured.</summary>
    private static string RequestBase(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
}
