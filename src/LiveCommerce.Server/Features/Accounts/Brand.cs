namespace LiveCommerce.Server.Features.Accounts;

/// <summary>An organization that sells: its products, sales and partnerships carry its id.</summary>
public sealed class Brand
{
    public const int NameMaxLength = 100;

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Country { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A person who acts for a brand, with one of <see cref="Contracts.BrandRoles"/>.</summary>
public sealed class BrandMember
{
    public string BrandId { get; set; } = "";

    public string UserId { get; set; } = "";

    public string Role { get; set; } = "";

    public DateTimeOffset JoinedAt { get; set; }
}

/// <summary>
/// An invitation mailed to an address. The link carries a random token of which only the hash is
/// stored; the account that accepts it must have that (confirmed) address.
/// </summary>
public sealed class BrandInvitation
{
    public Guid Id { get; set; }

    public string BrandId { get; set; } = "";

    /// <summary>Identity's normalized form (upper case), compared with the accepting account's.</summary>
    public string NormalizedEmail { get; set; } = "";

    public string Email { get; set; } = "";

    public string Role { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public string InvitedBy { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }
}
