using System.Collections.Concurrent;
using LiveCommerce.Server.Features.Catalog;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process catalog with the same semantics as the Redis one.</summary>
public sealed class LocalCatalogStore : ICatalogStore
{
    private readonly ConcurrentDictionary<string, Product> _products = new();
    private readonly ConcurrentDictionary<(string Brand, string Host), Partnership> _partnerships = new();
    private readonly Lock _gate = new();

    public Task<bool> TryCreateProductAsync(Product product, CancellationToken ct = default) =>
        Task.FromResult(_products.TryAdd(product.Id, product));

    public Task<Product?> GetProductAsync(string id, CancellationToken ct = default) =>
        Task.FromResult(_products.GetValueOrDefault(id));

    public Task<IReadOnlyList<Product>> GetProductsAsync(IReadOnlyList<string> ids, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Product>>(ids.Select(id => _products.GetValueOrDefault(id)).OfType<Product>().ToList());

    public Task<IReadOnlyList<Product>> ListBrandProductsAsync(string brandId, int limit, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Product>>(_products.Values.Where(p => p.BrandId == brandId)
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).Take(limit).ToList());

    public Task<bool> UpdateProductAsync(Product product, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_products.TryGetValue(product.Id, out var current))
            {
                return Task.FromResult(false);
            }

            _products[product.Id] = product with { ImageUrls = current.ImageUrls, CreatedAt = current.CreatedAt };
            return Task.FromResult(true);
        }
    }

    public Task<bool> AddProductImageAsync(string productId, string url, int maxImages, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_products.TryGetValue(productId, out var current) || current.ImageUrls.Count >= maxImages)
            {
                return Task.FromResult(false);
            }

            _products[productId] = current with { ImageUrls = [.. current.ImageUrls, url] };
            return Task.FromResult(true);
        }
    }

    public Task UpsertPartnershipAsync(Partnership partnership, CancellationToken ct = default)
    {
        lock (_gate)
        {
            _partnerships[(partnership.BrandId, partnership.HostId)] = partnership;
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryReplacePartnershipAsync(Partnership? expected, Partnership next, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var current = _partnerships.GetValueOrDefault((next.BrandId, next.HostId));
            if (current?.Version != expected?.Version)
            {
                return Task.FromResult(false);
            }

            _partnerships[(next.BrandId, next.HostId)] = next;
            return Task.FromResult(true);
        }
    }

    public Task<Partnership?> GetPartnershipAsync(string brandId, string hostId, CancellationToken ct = default) =>
        Task.FromResult(_partnerships.GetValueOrDefault((brandId, hostId)));

    public Task<IReadOnlyList<Partnership>> ListPartnershipsByBrandAsync(string brandId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Partnership>>(_partnerships.Values.Where(p => p.BrandId == brandId).OrderBy(p => p.HostId, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<Partnership>> ListPartnershipsByHostAsync(string hostId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Partnership>>(_partnerships.Values.Where(p => p.HostId == hostId).OrderBy(p => p.BrandId, StringComparer.Ordinal).ToList());
}
