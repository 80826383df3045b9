using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>Who a session speaks for: what goes into its access token.</summary>
public sealed record SessionIdentity(string UserId, string DisplayName, string Role, string? BrandId = null, string? BrandRole = null);

/// <summary>
/// Signs short-lived access tokens. The host's authentication (which validates them) implements it,
/// so accounts decide who a person is and never how a token is made.
/// </summary>
public interface IAccessTokens
{
    TokenResponse Issue(SessionIdentity identity);
}
