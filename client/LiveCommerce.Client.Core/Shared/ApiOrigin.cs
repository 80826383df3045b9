namespace LiveCommerce.Client.Shared;

/// <summary>Where the API and the hub live: the origin that served the app.</summary>
public sealed record ApiOrigin(Uri BaseAddress)
{
    public Uri Resolve(string relative) => new(BaseAddress, relative);
}
