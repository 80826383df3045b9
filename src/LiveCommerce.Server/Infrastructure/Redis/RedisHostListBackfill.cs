using LiveCommerce.Server.Features.Streams;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>
/// Once per start, in the background: streams created before hosts had a list of their own appear in
/// "My streams". Cheap when there is nothing to add; several nodes doing it at once agree.
/// </summary>
public sealed partial class RedisHostListBackfill(IStreamStore streams, ILogger<RedisHostListBackfill> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (streams is not RedisStreamStore redis)
        {
            return;
        }

        try
        {
            var added = await redis.BackfillHostListsAsync(stoppingToken);
            if (added > 0)
            {
                LogBackfilled(logger, added);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only older streams are missing from a list; the next start tries again.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Count} older streams to their hosts' lists")]
    private static partial void LogBackfilled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adding older streams to their hosts' lists failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
