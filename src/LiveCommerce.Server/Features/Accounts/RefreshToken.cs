namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// One refresh token, stored by the hash of its value only (the value itself goes to the client and
/// nowhere else). Sign-in starts a family; each refresh revokes the token it used and points it at
/// its successor (<see cref="ReplacedById"/>), so presenting a revoked token again reveals a replay
/// and revokes the whole family.
/// </summary>
public sealed class RefreshToken
{
    /// <summary>SHA-256 as lowercase hex: 64 characters.</summary>
    public const int TokenHashLength = 64;

    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>Every token rotated from one sign-in shares it.</summary>
    public Guid FamilyId { get; set; }

    /// <summary>Unique: a value maps to at most one row.</summary>
    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The token this one was rotated into, when it was.</summary>
    public Guid? ReplacedById { get; set; }
}
