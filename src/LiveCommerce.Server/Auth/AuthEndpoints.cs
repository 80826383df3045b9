using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
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
            return TypedResults.Ok(tokens.Issue($"{Actor.GuestPrefix}{suffix}", $"Guest {suffix[..4]}", Roles.Viewer));
        }).AllowAnonymous();

        group.MapPost("/dev-login", Results<Ok<TokenResponse>, NotFound> (DevLoginRequest request, TokenIssuer tokens, DemoAccounts accounts, IOptions<AuthOptions> options) =>
        {
            // Hidden, not refused, outside Development: production has no password-less door at all.
            if (!options.Value.EnableDevLogin)
            {
                return TypedResults.NotFound();
            }

            var account = accounts.FindByHandle(request.User ?? "")
                ?? throw AppException.NotFound(ErrorCodes.UnknownUser, $"No demo account '{request.User}'.");
            return TypedResults.Ok(tokens.Issue(account.Id, account.DisplayName, account.Role));
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
