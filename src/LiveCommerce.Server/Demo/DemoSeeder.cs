using LiveCommerce.Contracts;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Streams;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Demo;

/// <summary>
/// Seeds two live streams and one upcoming (fixed ids, <see cref="Shows"/>), with their shops, so
/// `dotnet run` shows live pages at once. Creating is idempotent: several nodes starting together seed once. Runs in the
/// background and retries, so a node whose Redis is down at start still starts. The streams play
/// what the video engine serves for them: with no engine configured, the bundled demo clip, so the
/// demo needs no internet.
/// </summary>
public sealed partial class DemoSeeder(
    IStreamStore streams, ICatalogStore catalog, IPinStore pins, DemoAccounts accounts, IServiceScopeFactory scopes, IOptions<DemoOptions> options,
    IVideoEngine video, TimeProvider clock, ILogger<DemoSeeder> logger) : BackgroundService
{
    public const string LiveStreamId = "demo-live";
    public const string UpcomingStreamId = "demo-upcoming";

    private readonly TaskCompletionSource _seeded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the demo streams and shop exist (what the demo's other services build on).</summary>
    public Task Seeded => _seeded.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (options.Value.Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SeedAsync(stoppingToken);
                _seeded.TrySetResult();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSeedFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seeding failed; retrying")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mia = accounts.FindByHandle("mia")!;
        var leo = accounts.FindByHandle("leo")!;

        foreach (var show in Shows)
        {
            var host = show.Host == "mia" ? mia : leo;
            await streams.TryCreateAsync(new LiveStream(
                show.Id, host.Id, host.DisplayName, show.Title, show.Description,
                show.Live ? now.AddMinutes(-5) : now.AddHours(2), Image(show.Cover), video.PlaybackUrl(show.Id)), cancellationToken);
            if (show.Live)
            {
                await streams.TryTransitionAsync(show.Id, Contracts.StreamStatus.Upcoming, Contracts.StreamStatus.Live, now, cancellationToken);
            }
        }

        await SeedShopAsync(now, mia, leo, cancellationToken);

        // Last, so the live page is there at once: the named cast as real accounts that sign in
        // with the README's Development password (each costs a password hash).
        await using var work = scopes.OpenAccounts();
        foreach (var member in accounts.All.Where(a => !char.IsAsciiDigit(a.Handle[^1])))
        {
            await DemoAccounts.EnsureSeededAsync(work, member, DemoAccounts.DevelopmentPassword, now, cancellationToken);
        }
    }

    /// <summary>
    /// Products for the demo brands (fixed ids, so re-seeding changes nothing), partnerships with
    /// the demo hosts, each stream's showcase and its pinned product.
    /// </summary>
    private async Task SeedShopAsync(DateTimeOffset now, Account mia, Account leo, CancellationToken ct)
    {
        var glow = accounts.FindByHandle("glow")!;
        var kite = accounts.FindByHandle("kite")!;
        var glowProducts = await SeedProductsAsync(glow, "glow", GlowProducts, "USD", ["skincare", "beauty"], now, ct);
        var kiteProducts = await SeedProductsAsync(kite, "kite", KiteProducts, "EUR", ["outdoor", "gear"], now, ct);

        var since = now.AddDays(-30);
        // Seeded as if each host accepted at the start: the demo sells on their streams at once.
        await catalog.UpsertPartnershipAsync(new Partnership(glow.Id, mia.Id, 15m, [], new Dictionary<string, decimal> { [glowProducts[0].Id] = 20m }, since, null, PartnershipStatus.Accepted, since), ct);
        await catalog.UpsertPartnershipAsync(new Partnership(kite.Id, leo.Id, 12.5m, [], new Dictionary<string, decimal>(), since, null, PartnershipStatus.Accepted, since), ct);
        await catalog.UpsertPartnershipAsync(new Partnership(kite.Id, mia.Id, 10m, [kiteProducts[0].Id], new Dictionary<string, decimal>(), since, null, PartnershipStatus.Accepted, since), ct);

        // A skincare show sells skincare; the trail show and the camp night sell Kite's gear.
        await pins.SetShowcaseAsync(LiveStreamId, glowProducts.Select(p => p.Id).ToList(), ct);
        await pins.SetShowcaseAsync(TrailStreamId, kiteProducts.Select(p => p.Id).ToList(), ct);
        await pins.SetShowcaseAsync(UpcomingStreamId, [kiteProducts[2].Id, kiteProducts[3].Id], ct);
        await PinOnceAsync(LiveStreamId, "pin-demo", glowProducts[0], now, ct);
        await PinOnceAsync(TrailStreamId, "pin-demo-trail", kiteProducts[1], now, ct);
    }

    private async Task PinOnceAsync(string streamId, string pinId, Product featured, DateTimeOffset now, CancellationToken ct)
    {
        if ((await pins.ListAsync(streamId, ct)).Count == 0)
        {
            await pins.TryPinAsync(streamId, new PinDto(
                pinId, featured.Id, featured.BrandId, featured.BrandName, featured.Title, featured.ImageUrls.FirstOrDefault(),
                featured.Price, now, null), 3, ct);
        }
    }

    private async Task<List<Product>> SeedProductsAsync(
        Account brand, string slug, IReadOnlyList<DemoProduct> catalogue, string currency, string[] tags, DateTimeOffset now, CancellationToken ct)
    {
        var products = new List<Product>();
        for (var i = 1; i <= catalogue.Count; i++)
        {
            var item = catalogue[i - 1];
            // Variant skus keep the "{size}-{n}" shape earlier demos had ("s-2", "m-2", "l-2").
            var variants = item.Variants.Select((v, n) => new ProductVariantDto($"{"sml"[n]}-{i}", v.Size, v.Color, v.Stock)).ToList();
            var product = new Product(
                $"p-{slug}-{i}", brand.Id, brand.DisplayName, item.Title, item.Description,
                new Money(item.Price, currency),
                variants.Count > 0 ? variants.Sum(v => v.Stock) : item.Stock,
                variants, tags, [Image(item.Image)], now.AddMinutes(-i), now.AddMinutes(-i))
            {
                // The first tag doubles as the catalog category; a product ships wherever its brand's zones reach
                // (DemoShipping), which include the demo cast's countries (Leo lives in Spain, Sam in Singapore, Ana in Brazil).
                Categories = [tags[0]],
                ShipsTo = [.. (currency == "USD" ? DemoShipping.Glow : DemoShipping.Kite).Zones.SelectMany(z => z.Countries).Order(StringComparer.Ordinal)],
            };
            await catalog.TryCreateProductAsync(product, ct);
            products.Add(await catalog.GetProductAsync(product.Id, ct) ?? product);
        }

        return products;
    }

    /// <summary>A picture drawn by scripts/make-demo-images.sh, served with the app (no internet needed).</summary>
    private static string Image(string name) => $"/img/demo/{name}.jpg";
}
