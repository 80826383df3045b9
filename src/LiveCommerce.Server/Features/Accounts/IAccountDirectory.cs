namespace LiveCommerce.Server.Features.Accounts;

/// <summary>A person or organization features may name: a host, a brand, a viewer.</summary>
public sealed record Account(string Id, string Handle, string DisplayName, string Role, string Country);

/// <summary>
/// Looks up accounts for features (is this id a host? which country is this buyer in?), so no
/// feature depends on where accounts come from. Today the demo cast; real accounts implement it next.
/// </summary>
public interface IAccountDirectory
{
    ValueTask<Account?> FindAsync(string userId, CancellationToken ct = default);
}
