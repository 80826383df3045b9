using LiveCommerce.Server.Features.Catalog;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>
/// Products as JSON in a hash (field <c>json</c>) with their images in a list beside it (same hash
/// tag), so adding an image never rewrites the product and two uploads never lose one another.
/// </summary>
public sealed class RedisCatalogStore(IConnectionMultiplexer redis, RedisKeys keys) : ICatalogStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<bool> TryCreateProductAsync(Product product, CancellationToken ct = default)
    {
        var created = await Db.HashSetAsync(keys.Product(product.Id), "json", StoredJson.Write(product with { ImageUrls = [] }), When.NotExists);
        if (created && product.ImageUrls.Count > 0)
        {
            await Db.ListRightPushAsync(keys.ProductImages(product.Id), product.ImageUrls.Select(u => (RedisValue)u).ToArray());
        }

        await Db.SortedSetAddAsync(keys.BrandProducts(product.BrandId), product.Id, product.CreatedAt.ToUnixTimeMilliseconds());
        return created;
    }

    public async Task<Product?> GetProductAsync(string id, CancellationToken ct = default) =>
        (await GetProductsAsync([id], ct)).FirstOrDefault();

    public async Task<IReadOnlyList<Product>> GetProductsAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => (Json: batch.HashGetAsync(keys.Product(id), "json"), Images: batch.ListRangeAsync(keys.ProductImages(id)))).ToList();
        batch.Execute();
        var products = new List<Product>(ids.Count);
        foreach (var (json, images) in reads)
        {
            if ((await json) is { HasValue: true } value)
            {
                products.Add(StoredJson.Read<Product>(value!) with { ImageUrls = (await images).Select(i => i.ToString()).ToList() });
            }
        }

        return products;
    }

    public async Task<IReadOnlyList<Product>> ListBrandProductsAsync(string brandId, int limit, CancellationToken ct = default)
    {
        var ids = await Db.SortedSetRangeByRankAsync(keys.BrandProducts(brandId), 0, limit - 1, Order.Descending);
        return await GetProductsAsync(ids.Select(i => i.ToString()).ToList(), ct);
    }

    public async Task<bool> UpdateProductAsync(Product product, CancellationToken ct = default) =>
        (int)await RedisScripts.ProductUpdate.EvaluateAsync(Db, [keys.Product(product.Id)], [StoredJson.Write(product with { ImageUrls = [] })]) == 1;

    public async Task<bool> AddProductImageAsync(string productId, string url, int maxImages, CancellationToken ct = default) =>
        (int)await RedisScripts.ProductAddImage.EvaluateAsync(Db, [keys.Product(productId), keys.ProductImages(productId)], [url, maxImages]) == 1;

    public async Task UpsertPartnershipAsync(Partnership partnership, CancellationToken ct = default)
    {
        await Db.StringSetAsync(keys.Partnership(partnership.BrandId, partnership.HostId), StoredJson.Write(partnership));
        await Db.SetAddAsync(keys.BrandPartners(partnership.BrandId), partnership.HostId);
        await Db.SetAddAsync(keys.HostPartners(partnership.HostId), partnership.BrandId);
    }

    public async Task<bool> TryReplacePartnershipAsync(Partnership? expected, Partnership next, CancellationToken ct = default)
    {
        var replaced = (int)await RedisScripts.PartnershipReplace.EvaluateAsync(
            Db, [keys.Partnership(next.BrandId, next.HostId)], [expected is null ? -1 : expected.Version, StoredJson.Write(next)]) == 1;
        if (replaced)
        {
            await Db.SetAddAsync(keys.BrandPartners(next.BrandId), next.HostId);
            await Db.SetAddAsync(keys.HostPartners(next.HostId), next.BrandId);
        }

        return replaced;
    }

    public async Task<Partnership?> GetPartnershipAsync(string brandId, string hostId, CancellationToken ct = default) =>
        await Db.StringGetAsync(keys.Partnership(brandId, hostId)) is { HasValue: true } json ? StoredJson.Read<Partnership>(json!) : null;

    public async Task<IReadOnlyList<Partnership>> ListPartnershipsByBrandAsync(string brandId, CancellationToken ct = default)
    {
        var hosts = await Db.SetMembersAsync(keys.BrandPartners(brandId));
        return await ReadAsync(hosts.Select(h => keys.Partnership(brandId, h!)), p => p.HostId);
    }

    public async Task<IReadOnlyList<Partnership>> ListPartnershipsByHostAsync(string hostId, CancellationToken ct = default)
    {
        var brands = await Db.SetMembersAsync(keys.HostPartners(hostId));
        return await ReadAsync(brands.Select(b => keys.Partnership(b!, hostId)), p => p.BrandId);
    }

    private async Task<IReadOnlyList<Partnership>> ReadAsync(IEnumerable<string> partnershipKeys, Func<Partnership, string> order)
    {
        var found = new List<Partnership>();
        foreach (var key in partnershipKeys)
        {
            if (await Db.StringGetAsync(key) is { HasValue: true } json)
            {
                found.Add(StoredJson.Read<Partnership>(json!));
            }
        }

        return found.OrderBy(order, StringComparer.Ordinal).ToList();
    }
}
