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

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Lets <c>POST /api/auth/dev-login</c> hand out tokens for demo accounts. Development only.</summary>
    public bool EnableDevLogin { get; set; }
}
