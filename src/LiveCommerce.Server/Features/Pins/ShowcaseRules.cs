using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;

namespace LiveCommerce.Server.Features.Pins;

public static class ShowcaseRules
{
    /// <summary>
    /// A host sells a product only under a partnership with its brand that the host accepted, in force, covering it.
    /// Refused with <c>not_partnered</c> on the field <c>productIds</c>, naming the brand and product as the host knows them.
    /// </summary>
    public static async Task RequirePartneredAsync(ICatalogStore catalog, Product product, string hostId, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await catalog.RequirePartneredAsync(product.BrandId, product.Id, hostId, now, ct);
        }
        catch (AppException e) when (e.Code == ErrorCodes.NotPartnered)
        {
            throw AppException.ForField(ErrorCodes.NotPartnered, "productIds",
                $"You have no accepted partnership with {product.BrandName} covering \"{product.Title}\".", e.Status);
        }
    }
}
