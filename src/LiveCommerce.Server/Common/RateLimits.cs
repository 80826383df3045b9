using System.Threading.RateLimiting;
using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Common;

/// <summary>
/// HTTP rate-limit policies, partitioned by account, or by the client's address before sign-in. The
/// address is the one resolved from <c>X-Forwarded-For</c> when the request came through a known
/// proxy (Operations/ForwardedHeadersRegistration), so visitors behind the proxy get a bucket each.
/// </summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string Api = "api";

    public static IServiceCollection AddLiveCommerceRateLimits(this IServiceCollection services) =>
        services.AddRateLimiterOptions().AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "application/problem+json";
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { title = "Too many requests.", status = 429, code = ErrorCodes.RateLimited }, ct);
            };
            options.AddPolicy(Auth, http => RateLimitPartition.GetTokenBucketLimiter(
                ClientAddress(http),
                _ => Bucket(Limits(http).AuthPerSecond, Limits(http).AuthBurst)));
            options.AddPolicy(Api, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirst(AuthClaims.Subject)?.Value ?? ClientAddress(http),
                _ => Bucket(Limits(http).ApiPerSecond, Limits(http).ApiBurst)));
        });

    /// <summary>
    /// The client's address: the connection's, as rewritten by the forwarded-headers middleware for a
    /// request from a known proxy. IPv4-mapped IPv6 is folded to IPv4, so a dual-stack listener does not
    /// give one client two buckets.
    /// </summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => "ip:" + mapped.MapToIPv4(),
        var address => "ip:" + address,
    };

    private static IServiceCollection AddRateLimiterOptions(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    private static RateLimitOptions Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;

    /// <summary>A steady rate with a burst; refuse at once rather than queue.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(burst, perSecond), TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
    };
}

/// <summary>HTTP limits (<c>RateLimits:*</c>); the defaults suit one person's browser.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-ins per second per client address.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int AuthPerSecond { get; set; } = 10;

    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int AuthBurst { get; set; } = 30;

    /// <summary>API calls per second per account, or per address before sign-in.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int ApiPerSecond { get; set; } = 30;

    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int ApiBurst { get; set; } = 60;
}
