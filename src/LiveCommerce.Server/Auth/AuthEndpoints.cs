using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").RequireRateLimiting(RateLimits.Auth);

        group.MapPost("/guest", (TokenIssuer tokens) =>
        {
            var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            return TypedResults.Ok(tokens.IssueGuest($"{Actor.GuestPrefix}{suffix}", $"Guest {suffix[..4]}"));
        }).AllowAnonymous();

        // A real session (refresh cookie and all) for a demo account, without its password.
        group.MapPost("/dev-login", async Task<Results<Ok<TokenResponse>, NotFound>> (
            DevLoginRequest request, HttpContext http, IServiceScopeFactory scopes, Sessions sessions, DemoAccounts accounts,
            IOptions<AuthOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            // Hidden, not refused, outside Development: production has no password-less door at all.
            if (!options.Value.EnableDevLogin)
            {
                return TypedResults.NotFound();
            }

            var account = accounts.FindByHandle(request.User ?? "")
                ?? throw AppException.NotFound(ErrorCodes.UnknownUser, $"No demo account '{request.User}'.");
            await using var work = scopes.OpenAccounts();
            var user = await DemoAccounts.EnsureSeededAsync(work, account, password: null, clock.GetUtcNow(), ct);
            return TypedResults.Ok(AccountEndpoints.WriteSession(http, await sessions.StartAsync(work, user, ct)));
        }).AllowAnonymous();

        // Lets a client check a stored token before opening a WebSocket, where a 401 is invisible.
        group.MapGet("/me", (System.Security.Claims.ClaimsPrincipal user) =>
        {
            var actor = Actor.From(user);
            return TypedResults.Ok(new { userId = actor.UserId, displayName = actor.DisplayName, role = actor.Role });
        }).RequireAuthorization();

        group.MapGet("/demo-accounts", Results<Ok<DemoAccountDto[]>, NotFound> (DemoAccounts accounts, IOptions<AuthOptions> options) =>
            options.Value.EnableDevLogin
                ? TypedResults.Ok(accounts.All.Select(a => new DemoAccountDto(a.Handle, a.DisplayName, a.Role)).ToArray())
                : TypedResults.NotFound()).AllowAnonymous();

        return app;
    }
}
