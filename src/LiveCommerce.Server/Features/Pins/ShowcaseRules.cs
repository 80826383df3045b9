using LiveCommerce.Server.Features.Catalog;

namespace LiveCommerce.Server.Features.Pins;

public static class ShowcaseRules
{
    /// <summary>A host sells a product only under a partnership with its brand that the host accepted, in force, covering it.</summary>
    public static Task RequirePartneredAsync(ICatalogStore catalog, Product product, string hostId, DateTimeOffset now, CancellationToken ct) =>
        catalog.RequirePartneredAsync(product.BrandId, product.Id, hostId, now, ct);
}
