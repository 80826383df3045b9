namespace LiveCommerce.Server.Features.Catalog;

/// <summary>Products and partnerships: Redis when configured, memory otherwise. Both pass CatalogStoreContract.</summary>
public interface ICatalogStore
{
    /// <summary>False when a product with that id exists already.</summary>
    Task<bool> TryCreateProductAsync(Product product, CancellationToken ct = default);

    Task<Product?> GetProductAsync(string id, CancellationToken ct = default);

    /// <summary>The products that exist, in the order asked.</summary>
    Task<IReadOnlyList<Product>> GetProductsAsync(IReadOnlyList<string> ids, CancellationToken ct = default);

    /// <summary>A brand's products, newest first.</summary>
    Task<IReadOnlyList<Product>> ListBrandProductsAsync(string brandId, int limit, CancellationToken ct = default);

    /// <summary>Replaces the details; keeps the images. False when the product does not exist.</summary>
    Task<bool> UpdateProductAsync(Product product, CancellationToken ct = default);

    /// <summary>Appends an image URL atomically; false when the product is missing or already has <paramref name="maxImages"/>.</summary>
    Task<bool> AddProductImageAsync(string productId, string url, int maxImages, CancellationToken ct = default);

    /// <summary>One partnership per brand and host: creates or replaces it, whatever is there (seeding, tests).</summary>
    Task UpsertPartnershipAsync(Partnership partnership, CancellationToken ct = default);

    /// <summary>
    /// Compare-and-set: stores <paramref name="next"/> only while the stored partnership is still
    /// <paramref name="expected"/>'s version (or, for null, while there is none). Proposals, accepts and
    /// ends are decided on what was read, so a transition never overwrites one it did not see.
    /// </summary>
    Task<bool> TryReplacePartnershipAsync(Partnership? expected, Partnership next, CancellationToken ct = default);

    Task<Partnership?> GetPartnershipAsync(string brandId, string hostId, CancellationToken ct = default);

    Task<IReadOnlyList<Partnership>> ListPartnershipsByBrandAsync(string brandId, CancellationToken ct = default);

    Task<IReadOnlyList<Partnership>> ListPartnershipsByHostAsync(string hostId, CancellationToken ct = default);
}
