using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Infrastructure.Local;
using Microsoft.Extensions.Options;

namespace LiveCommerce.UnitTests.FlashSales;

/// <summary>
/// The interleaving the HTTP race test can only hope to hit, forced: the host's end lands after the
/// schedule's partnership check and before its write. The schedule must see the end on its second
/// check, take the sale back and answer not_partnered.
/// </summary>
public sealed class SalesRacingAnEndTests
{
    private static readonly Actor Brand = new("u-brand-a", "Brand A", Roles.Brand) { BrandId = "u-brand-a", BrandRole = BrandRoles.Owner };

    [Theory]
    [InlineData(SaleKind.Flash)]
    [InlineData(SaleKind.Regular)] // starts at once, so it cannot be cancelled: it is cut to nothing instead
    public async Task A_sale_written_after_the_end_is_taken_back_and_refused(SaleKind kind)
    {
        var clock = TimeProvider.System;
        var now = clock.GetUtcNow();
        var local = new LocalCatalogStore();
        await local.TryCreateProductAsync(new Product("p-1", "u-brand-a", "Brand A", "Serum", "", new Money(20m, "USD"), 100, [], [], [], now, now));
        await local.UpsertPartnershipAsync(new Partnership("u-brand-a", "u-host-h", 10m, [], new Dictionary<string, decimal>(), now.AddDays(-1), null, PartnershipStatus.Accepted, now.AddDays(-1)));
        var streams = new LocalStreamStore();
        await streams.TryCreateAsync(new LiveStream("s-1", "u-host-h", "Host", "Show", "", now.AddHours(1), null, null));
        var inventory = new LocalFlashSaleInventory(clock);
        var handler = new ScheduleFlashSaleHandler(
            new EndsAfterFirstRead(local, clock), inventory, new LocalSaleSchedule(clock), streams, Options.Create(new FlashSaleOptions()), clock);

        var request = new ScheduleFlashSaleRequest("p-1", null, "Sale", 5m, "USD", 10, now.AddHours(1), now.AddHours(1).AddMinutes(5), 2, null, ["s-1"], kind);
        var refused = await Assert.ThrowsAsync<AppException>(async () => await handler.Handle(new ScheduleFlashSale(Brand, request), default));

        Assert.Equal(ErrorCodes.NotPartnered, refused.Code);
        var written = Assert.Single(await inventory.ListForStreamAsync("s-1"));
        Assert.True(written.Cancelled || written.Stock == 0, $"the sale is still sellable: {written}");
        Assert.Equal(PartnershipStatus.Ended, (await local.GetPartnershipAsync("u-brand-a", "u-host-h"))!.Status);
    }

    /// <summary>The catalog as the handler sees it when the host's end is stored right after the handler's first partnership read.</summary>
    private sealed class EndsAfterFirstRead(LocalCatalogStore inner, TimeProvider clock) : ICatalogStore
    {
        private int _reads;

        public async Task<Partnership?> GetPartnershipAsync(string brandId, string hostId, CancellationToken ct = default)
        {
            var read = await inner.GetPartnershipAsync(brandId, hostId, ct);
            if (Interlocked.Increment(ref _reads) == 1 && read is not null)
            {
                await inner.UpsertPartnershipAsync(read with { Status = PartnershipStatus.Ended, EndedAt = clock.GetUtcNow() }, ct);
            }

            return read;
        }

        public Task<bool> TryCreateProductAsync(Product product, CancellationToken ct = default) => inner.TryCreateProductAsync(product, ct);

        public Task<Product?> GetProductAsync(string id, CancellationToken ct = default) => inner.GetProductAsync(id, ct);

        public Task<IReadOnlyList<Product>> GetProductsAsync(IReadOnlyList<string> ids, CancellationToken ct = default) => inner.GetProductsAsync(ids, ct);

        public Task<IReadOnlyList<Product>> ListBrandProductsAsync(string brandId, int limit, CancellationToken ct = default) => inner.ListBrandProductsAsync(brandId, limit, ct);

        public Task<bool> UpdateProductAsync(Product product, CancellationToken ct = default) => inner.UpdateProductAsync(product, ct);

        public Task<bool> AddProductImageAsync(string productId, string url, int maxImages, CancellationToken ct = default) => inner.AddProductImageAsync(productId, url, maxImages, ct);

        public Task UpsertPartnershipAsync(Partnership partnership, CancellationToken ct = default) => inner.UpsertPartnershipAsync(partnership, ct);

        public Task<bool> TryReplacePartnershipAsync(Partnership? expected, Partnership next, CancellationToken ct = default) => inner.TryReplacePartnershipAsync(expected, next, ct);

        public Task<IReadOnlyList<Partnership>> ListPartnershipsByBrandAsync(string brandId, CancellationToken ct = default) => inner.ListPartnershipsByBrandAsync(brandId, ct);

        public Task<IReadOnlyList<Partnership>> ListPartnershipsByHostAsync(string hostId, CancellationToken ct = default) => inner.ListPartnershipsByHostAsync(hostId, ct);
    }
}
