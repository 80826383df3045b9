using LiveCommerce.Contracts;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Demo;

/// <summary>
/// Keeps the demo stream selling: whenever it has no scheduled or live flash sale, the demo brand
/// schedules one that starts shortly, through the same command a brand's console sends.
/// </summary>
public sealed partial class DemoFlashSales(
    IServiceScopeFactory scopes, DemoSeeder seeder, DemoAccounts accounts, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoFlashSales> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || !options.Value.FlashSales)
        {
            return;
        }

        // Its product is seeded: scheduling before that is refused (product_not_found) and waits a whole tick.
        await seeder.Seeded.WaitAsync(stoppingToken);
        var glow = accounts.FindByHandle("glow")!;
        var brand = new Actor(glow.Id, glow.DisplayName, glow.Role) { BrandId = glow.Id, BrandRole = BrandRoles.Owner }; // the brand account acts for itself, as Actor.From makes it
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sender = scope.ServiceProvider.GetRequiredService<ISender>();
                var sales = await sender.Send(new ListStreamSales(DemoSeeder.LiveStreamId), stoppingToken);
                if (!sales.Any(s => s.Kind == SaleKind.Flash && s.Status is SaleStatus.Scheduled or SaleStatus.Live))
                {
                    var now = clock.GetUtcNow();
                    await sender.Send(new ScheduleFlashSale(brand, new ScheduleFlashSaleRequest(
                        "p-glow-1", null, "Flash deal: Vitamin C Glow Serum", 19.99m, "USD", 60,
                        now.AddSeconds(20), now.AddMinutes(3), 2, 120, [DemoSeeder.LiveStreamId])), stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo flash sale scheduling failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
