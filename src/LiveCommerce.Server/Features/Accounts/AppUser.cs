using LiveCommerce.Contracts;
using Microsoft.AspNetCore.Identity;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// A person with an account. Password hash, lockout, security stamp and the rest are Identity's own
/// columns; what the product adds is how the person is named and where they are.
/// </summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>ISO 3166-1 alpha-2 (e.g. <c>DE</c>), or null when not given.</summary>
    public string? Country { get; set; }

    /// <summary>How the person is named in "just bought" moments: one of <see cref="PurchaseNames"/>.</summary>
    public string PurchaseName { get; set; } = PurchaseNames.FirstNameAndCountry;

    public DateTimeOffset CreatedAt { get; set; }

    public const int SuspendedReasonMaxLength = 500;

    /// <summary>Set by an operator (<c>SuspendAccount</c>): the account cannot sign in, refresh or use its tokens until lifted.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public string? SuspendedReason { get; set; }
}
