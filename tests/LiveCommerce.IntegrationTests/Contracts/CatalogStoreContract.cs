using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>What every <see cref="ICatalogStore"/> must do; run against Redis and the in-process store.</summary>
public abstract class CatalogStoreContract
{
    protected abstract Task<ICatalogStore> CreateAsync();

    private static Product NewProduct(string brand = "u-brand-a", DateTimeOffset? created = null, string? id = null) => new(
        id ?? "p-" + Guid.NewGuid().ToString("N")[..10], brand, "Brand A", "Serum", "Glow", new Money(19.99m, "USD"), 15,
        [new ProductVariantDto("s", "S", "Red", 5), new ProductVariantDto("m", "M", "Red", 10)], ["skincare"], [],
        created ?? DateTimeOffset.UtcNow, created ?? DateTimeOffset.UtcNow);

    [Fact]
    public async Task Product_reads_back_exactly_and_create_is_idempotent()
    {
        var store = await CreateAsync();
        var product = NewProduct() with { Price = new Money(1234567.891m, "KWD") };
        Assert.True(await store.TryCreateProductAsync(product));
        Assert.False(await store.TryCreateProductAsync(product with { Title = "Other" }));
        var read = await store.GetProductAsync(product.Id);
        Assert.NotNull(read);
        Assert.Equal("Serum", read.Title);
        Assert.Equal(1234567.891m, read.Price.Amount);
        Assert.Equal("KWD", read.Price.Currency);
        Assert.Equal(product.Variants, read.Variants);
        Assert.Equal(["skincare"], read.Tags);
        Assert.Null(await store.GetProductAsync("p-missing"));
        Assert.Equal([product.Id], (await store.GetProductsAsync(["p-missing", product.Id])).Select(p => p.Id));
    }

    [Fact]
    public async Task Update_replaces_details_keeps_images_and_never_creates()
    {
        var store = await CreateAsync();
        var product = NewProduct();
        await store.TryCreateProductAsync(product);
        Assert.True(await store.AddProductImageAsync(product.Id, "/media/a.png", 12));
        Assert.True(await store.UpdateProductAsync(product with { Title = "Renamed", Price = new Money(25m, "EUR"), ImageUrls = [] }));
        var read = await store.GetProductAsync(product.Id);
        Assert.Equal("Renamed", read!.Title);
        Assert.Equal(new Money(25m, "EUR"), read.Price);
        Assert.Equal(["/media/a.png"], read.ImageUrls);
        Assert.False(await store.UpdateProductAsync(NewProduct()));
        Assert.False(await store.AddProductImageAsync("p-missing", "/media/b.png", 12));
    }

    [Fact]
    public async Task Concurrent_image_adds_never_exceed_the_limit_nor_lose_one()
    {
        var store = await CreateAsync();
        var product = NewProduct();
        await store.TryCreateProductAsync(product);
        var added = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => store.AddProductImageAsync(product.Id, $"/media/{i}.png", 12))));
        Assert.Equal(12, added.Count(a => a));
        var images = (await store.GetProductAsync(product.Id))!.ImageUrls;
        Assert.Equal(12, images.Count);
        Assert.Equal(12, images.Distinct().Count());
    }

    [Fact]
    public async Task Lists_a_brands_products_newest_first_and_only_its_own()
    {
        var store = await CreateAsync();
        var brand = "u-brand-" + Guid.NewGuid().ToString("N")[..6];
        var old = NewProduct(brand, DateTimeOffset.UtcNow.AddHours(-1));
        var recent = NewProduct(brand, DateTimeOffset.UtcNow);
        await store.TryCreateProductAsync(old);
        await store.TryCreateProductAsync(recent);
        await store.TryCreateProductAsync(NewProduct("u-brand-other"));
        Assert.Equal([recent.Id, old.Id], (await store.ListBrandProductsAsync(brand, 10)).Select(p => p.Id));
        Assert.Equal([recent.Id], (await store.ListBrandProductsAsync(brand, 1)).Select(p => p.Id));
    }

    [Fact]
    public async Task Partnerships_are_one_per_brand_and_host_and_listed_from_both_sides()
    {
        var store = await CreateAsync();
        var brand = "u-brand-" + Guid.NewGuid().ToString("N")[..6];
        var host = "u-host-" + Guid.NewGuid().ToString("N")[..6];
        var from = DateTimeOffset.UtcNow.AddDays(-1);
        await store.UpsertPartnershipAsync(new Partnership(brand, host, 10m, [], new Dictionary<string, decimal>(), from, null));
        await store.UpsertPartnershipAsync(new Partnership(brand, host, 12.5m, ["p-1"], new Dictionary<string, decimal> { ["p-1"] = 33.33m }, from, from.AddDays(30)));
        var read = await store.GetPartnershipAsync(brand, host);
        Assert.NotNull(read);
        Assert.Equal(12.5m, read.CommissionRate);
        Assert.Equal(33.33m, read.RateFor("p-1"));
        Assert.Equal(12.5m, read.RateFor("p-2"));
        Assert.True(read.Covers("p-1"));
        Assert.False(read.Covers("p-2"));
        Assert.True(read.IsActiveAt(DateTimeOffset.UtcNow));
        Assert.False(read.IsActiveAt(from.AddDays(31)));
        Assert.Single(await store.ListPartnershipsByBrandAsync(brand));
        Assert.Equal(brand, Assert.Single(await store.ListPartnershipsByHostAsync(host)).BrandId);
        Assert.Null(await store.GetPartnershipAsync(brand, "u-host-none"));
    }

    [Fact]
    public async Task A_partnership_changes_only_from_the_version_that_was_read()
    {
        var store = await CreateAsync();
        var brand = "u-brand-" + Guid.NewGuid().ToString("N")[..6];
        var host = "u-host-" + Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow;
        var proposed = new Partnership(brand, host, 10m, [], new Dictionary<string, decimal>(), now.AddMinutes(-1), null, PartnershipStatus.Pending) { Version = 1 };

        Assert.True(await store.TryReplacePartnershipAsync(null, proposed));
        Assert.False(await store.TryReplacePartnershipAsync(null, proposed)); // "none there" no longer holds
        var read = await store.GetPartnershipAsync(brand, host);
        Assert.NotNull(read);
        Assert.Equal((1L, PartnershipStatus.Pending), (read.Version, read.Status));
        Assert.False(read.IsActiveAt(now));

        Assert.True(await store.TryReplacePartnershipAsync(read, read with { Status = PartnershipStatus.Accepted, AcceptedAt = now, Version = 2 }));
        // A writer that read version 1 too (an end racing the accept) loses and must read again.
        Assert.False(await store.TryReplacePartnershipAsync(read, read with { Status = PartnershipStatus.Ended, EndedAt = now, Version = 2 }));
        var accepted = await store.GetPartnershipAsync(brand, host);
        Assert.Equal((2L, PartnershipStatus.Accepted, (DateTimeOffset?)now), (accepted!.Version, accepted.Status, accepted.AcceptedAt));
        Assert.True(accepted.IsActiveAt(now));
        Assert.Equal(host, Assert.Single(await store.ListPartnershipsByBrandAsync(brand)).HostId);
        Assert.Equal(brand, Assert.Single(await store.ListPartnershipsByHostAsync(host)).BrandId);
    }
}

public sealed class LocalCatalogStoreTests : CatalogStoreContract
{
    protected override Task<ICatalogStore> CreateAsync() => Task.FromResult<ICatalogStore>(new LocalCatalogStore());
}

public sealed class RedisCatalogStoreTests : CatalogStoreContract
{
    protected override async Task<ICatalogStore> CreateAsync() =>
        new RedisCatalogStore(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()));

    [Fact]
    public async Task A_partnership_stored_before_consent_reads_as_accepted_and_changes_from_version_0()
    {
        var redis = await SharedRedis.ConnectionAsync();
        var keys = new RedisKeys(SharedRedis.UniquePrefix());
        var store = new RedisCatalogStore(redis, keys);
        // Exactly what the store wrote before partnerships had a status, an accept time or a version.
        await redis.GetDatabase().StringSetAsync(keys.Partnership("u-brand-old", "u-host-old"),
            """{"brandId":"u-brand-old","hostId":"u-host-old","commissionRate":12.5,"productIds":[],"productRates":{},"validFrom":"2025-01-01T00:00:00+00:00","validTo":null}""");

        var legacy = await store.GetPartnershipAsync("u-brand-old", "u-host-old");
        Assert.NotNull(legacy);
        Assert.Equal((PartnershipStatus.Accepted, (DateTimeOffset?)null, 0L), (legacy.Status, legacy.AcceptedAt, legacy.Version));
        Assert.True(legacy.IsActiveAt(DateTimeOffset.UtcNow));
        Assert.True(legacy.WasInForceAt(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.False(await store.TryReplacePartnershipAsync(legacy with { Version = 3 }, legacy with { Version = 4 }));
        Assert.True(await store.TryReplacePartnershipAsync(legacy, legacy with { Status = PartnershipStatus.Ended, Version = 1 }));
        Assert.Equal(PartnershipStatus.Ended, (await store.GetPartnershipAsync("u-brand-old", "u-host-old"))!.Status);
    }
}
