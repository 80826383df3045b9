using System.Threading.RateLimiting;
using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Common;

/// <summary>HTTP rate-limit policies, partitioned by account (or by address before sign-in).</summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string Api = "api";

    public static IServiceCollection AddLiveCommerceRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "application/problem+json";
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { title = "Too many requests.", status = 429, code = ErrorCodes.RateLimited }, ct);
            };
            options.AddPolicy(Auth, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions { TokenLimit = 30, TokensPerPeriod = 10, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
            options.AddPolicy(Api, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirst(AuthClaims.Subject)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions { TokenLimit = 60, TokensPerPeriod = 30, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
        });
}
