using Bogus;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Features.Streams;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Demo;

/// <summary>
/// Seeds one live and one upcoming stream with fixed ids, so `dotnet run` shows a live page at
/// once. Creating is idempotent: several nodes starting together seed once. Runs in the
/// background and retries, so a node whose Redis is down at start still starts.
/// </summary>
public sealed partial class DemoSeeder(
    IStreamStore streams, DemoAccounts accounts, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoSeeder> logger) : BackgroundService
{
    public const string LiveStreamId = "demo-live";
    public const string UpcomingStreamId = "demo-upcoming";

    // Public test streams: an HLS ladder and an MP4 fallback. Any HLS/MP4 URL works here.
    private const string DemoHls = "https://test-streams.mux.dev/x36xhzz/x36xhzz.m3u8";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (options.Value.Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SeedAsync(stoppingToken);
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
            DemoHls), cancellationToken);
        await streams.TryTransitionAsync(LiveStreamId, Contracts.StreamStatus.Upcoming, Contracts.StreamStatus.Live, now, cancellationToken);

        await streams.TryCreateAsync(new LiveStream(
            UpcomingStreamId, leo.Id, leo.DisplayName,
            "Trail-ready: Kite Outdoor gear drop",
            faker.Commerce.ProductDescription(),
            now.AddHours(2),
            "https://picsum.photos/seed/kite/1280/720",
            DemoHls), cancellationToken);
    }
}
