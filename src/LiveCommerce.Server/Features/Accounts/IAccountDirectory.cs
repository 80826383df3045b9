namespace LiveCommerce.Server.Features.Accounts;

/// <summary>A person or organization features may name: a host, a brand, a viewer.</summary>
public sealed record Account(string Id, string Handle, string DisplayName, string Role, string Country)
{
    /// <summary>How the person is named in "just bought" moments (<see cref="Contracts.PurchaseNames"/>).</summary>
    public string PurchaseName { get; init; } = Contracts.PurchaseNames.FirstNameAndCountry;
}

/// <summary>
/// Looks up accounts for features (is this id a host? which country is this buyer in?), so no
/// feature depends on where accounts come from: the accounts database, and the demo cast where the demo runs.
/// </summary>
public interface IAccountDirectory
{
    ValueTask<Account?> FindAsync(string userId, CancellationToken ct = default);

    /// <summary>The host whose public handle (<c>@leo</c>, without the @, any case) this is: people pick hosts by handle, not by id.</summary>
    ValueTask<Account?> FindHostByHandleAsync(string handle, CancellationToken ct = default);

    /// <summary>
    /// A person (host or viewer, not a brand) by what others know them by: a host's handle (<c>@leo</c>, any case),
    /// or the email they signed up with (viewers have no public handle).
    /// </summary>
    ValueTask<Account?> FindPersonAsync(string handleOrEmail, CancellationToken ct = default);
}
