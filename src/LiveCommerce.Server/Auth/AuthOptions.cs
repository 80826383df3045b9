using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC-SHA256 key, at least 32 bytes once UTF-8 encoded. Empty: a random key per process (single node only).</summary>
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "livecommerce";

    [Required]
    public string Audience { get; set; } = "livecommerce";

    /// <summary>
    /// An account's access token: minutes, so a revoked session (sign-out everywhere, password change)
    /// stops working soon without a lookup per request. The client refreshes before it runs out, and a
    /// hub connection closes when it does (and reconnects with a fresh one).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A guest's token (watch and react only; there is nothing to revoke).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00")]
    public TimeSpan GuestTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How far node clocks may disagree when checking a token's lifetime.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lets <c>POST /api/auth/dev-login</c> hand out tokens for demo accounts. Development only.</summary>
    public bool EnableDevLogin { get; set; }
}
