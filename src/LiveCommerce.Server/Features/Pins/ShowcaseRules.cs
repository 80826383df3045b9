using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;

namespace LiveCommerce.Server.Features.Pins;

public static class ShowcaseRules
{
    /// <summary>A host sells a product only under an active partnership with its brand that covers it.</summary>
    public static async Task RequirePartneredAsync(ICatalogStore catalog, Product product, string hostId, DateTimeOffset now, CancellationToken ct)
    {
        var partnership = await catalog.GetPartnershipAsync(product.BrandId, hostId, ct);
        if (partnership is null || !partnership.IsActiveAt(now) || !partnership.Covers(product.Id))
        {
            throw AppException.Forbidden(ErrorCodes.NotPartnered, $"The host has no active partnership covering product {product.Id}.");
        }
    }
}
