using Bogus;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Streams;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Demo;

/// <summary>
/// Seeds one live and one upcoming stream with fixed ids, so `dotnet run` shows a live page at
/// once. Creating is idempotent: several nodes starting together seed once. Runs in the
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
        var faker = new Faker { Random = new Randomizer(7) };
        var now = clock.GetUtcNow();


        var mia = accounts.FindByHandle("mia")!;
        var leo = accounts.FindByHandle("leo")!;

        await streams.TryCreateAsync(new LiveStream(
            LiveStreamId, mia.Id, mia.DisplayName,
            "Glow Week: spring skincare live",
            faker.Commerce.ProductDescription(),
            now.AddMinutes(-5),
            "https://picsum.photos/seed/glow/1280/720",
            video.PlaybackUrl(LiveStreamId)), cancellationToken);
        await streams.TryTransitionAsync(LiveStreamId, Contracts.StreamStatus.Upcoming, Contracts.StreamStatus.Live, now, cancellationToken);

        await streams.TryCreateAsync(new LiveStream(
            UpcomingStreamId, leo.Id, leo.DisplayName,
            "Trail-ready: Kite Outdoor gear drop",
            faker.Commerce.ProductDescription(),
            now.AddHours(2),
            "https://picsum.photos/seed/kite/1280/720",
            video.PlaybackUrl(UpcomingStreamId)), cancellationToken);

        await SeedShopAsync(faker, now, mia, leo, cancellationToken);

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
    /// the demo hosts, the live stream's showcase and one pinned product.
    /// </summary>
    private async Task SeedShopAsync(Faker faker, DateTimeOffset now, Account mia, Account leo, CancellationToken ct)
    {
        var glow = accounts.FindByHandle("glow")!;
        var kite = accounts.FindByHandle("kite")!;
        var glowProducts = await SeedProductsAsync(faker, glow, "glow", "USD", ["skincare", "beauty"], now, ct);
        var kiteProducts = await SeedProductsAsync(faker, kite, "kite", "EUR", ["outdoor", "gear"], now, ct);

        var since = now.AddDays(-30);
        // Seeded as if each host accepted at the start: the demo sells on their streams at once.
        await catalog.UpsertPartnershipAsync(new Partnership(glow.Id, mia.Id, 15m, [], new Dictionary<string, decimal> { [glowProducts[0].Id] = 20m }, since, null, PartnershipStatus.Accepted, since), ct);
        await catalog.UpsertPartnershipAsync(new Partnership(kite.Id, leo.Id, 12.5m, [], new Dictionary<string, decimal>(), since, null, PartnershipStatus.Accepted, since), ct);
        await catalog.UpsertPartnershipAsync(new Partnership(kite.Id, mia.Id, 10m, [kiteProducts[0].Id], new Dictionary<string, decimal>(), since, null, PartnershipStatus.Accepted, since), ct);

        await pins.SetShowcaseAsync(LiveStreamId, [.. glowProducts.Select(p => p.Id), kiteProducts[0].Id], ct);
        await pins.SetShowcaseAsync(UpcomingStreamId, kiteProducts.Select(p => p.Id).ToList(), ct);
        if ((await pins.ListAsync(LiveStreamId, ct)).Count == 0)
        {
            var featured = glowProducts[0];
            await pins.TryPinAsync(LiveStreamId, new PinDto(
                "pin-demo", featured.Id, featured.BrandId, featured.BrandName, featured.Title, featured.ImageUrls.FirstOrDefault(),
                featured.Price, now, null), 3, ct);
        }
    }

    private async Task<List<Product>> SeedProductsAsync(
        Faker faker, Account brand, string slug, string currency, string[] tags, DateTimeOffset now, CancellationToken ct)
    {
        var products = new List<Product>();
        for (var i = 1; i <= 4; i++)
        {
            var hasVariants = i % 2 == 0;
            var variants = hasVariants
                ? new[] { "S", "M", "L" }.Select(size => new ProductVariantDto($"{size.ToLowerInvariant()}-{i}", size, faker.Commerce.Color(), faker.Random.Int(5, 60))).ToList()
                : [];
            var product = new Product(
                $"p-{slug}-{i}", brand.Id, brand.DisplayName, faker.Commerce.ProductName(), faker.Commerce.ProductDescription(),
                new Money(decimal.Round(faker.Random.Decimal(9m, 120m), 2), currency),
                hasVariants ? variants.Sum(v => v.Stock) : faker.Random.Int(20, 200),
                variants, tags, [$"https://picsum.photos/seed/{slug}{i}/800/800"], now.AddMinutes(-i), now.AddMinutes(-i))
            {
                // The first tag doubles as the catalog category; a US brand ships in North America, the UK and Germany, an EU one
                // across the EU; both also to the demo viewers' countries (Brazil, Singapore), so the demo cast can buy.
                Categories = [tags[0]],
                ShipsTo = currency == "USD" ? ["BR", "CA", "DE", "GB", "SG", "US"] : ["AT", "BR", "DE", "ES", "FR", "IT", "NL", "SG"],
            };
            await catalog.TryCreateProductAsync(product, ct);
            products.Add(await catalog.GetProductAsync(product.Id, ct) ?? product);
        }

        return products;
    }
}
