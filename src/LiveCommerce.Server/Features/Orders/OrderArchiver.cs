using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Orders;

public sealed class OrderArchiveOptions
{
    public const string Section = "Orders";

    /// <summary>Folder of the local archive adapter (one orders-YYYY-MM-DD.jsonl per day); relative to the working directory, git-ignored by default.</summary>
    public string ArchiveFolder { get; set; } = ".data/order-archive";

    /// <summary>How often a node checks whether yesterday still needs archiving.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Once a day, exactly one node writes yesterday's orders to the archive.</summary>
public sealed partial class OrderArchiver(
    IOrderLog log,
    IOrderArchive archive,
    TimeProvider clock,
    IOptions<OrderArchiveOptions> options,
    ILogger<OrderArchiver> logger) : BackgroundService
{
    public async Task<bool> ArchiveAsync(DateOnly day, CancellationToken ct)
    {
        if (!await log.TryClaimArchiveAsync(day, ct))
        {
            return false;
        }

        await archive.WriteDayAsync(day, await log.ReadDayAsync(day, ct), ct);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, clock);
        do
        {
            try
            {
                await ArchiveAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order archive failed; the next check retries")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
