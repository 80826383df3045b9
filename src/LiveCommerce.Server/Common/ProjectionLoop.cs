namespace LiveCommerce.Server.Common;

/// <summary>
/// A projector's background loop: batches back to back while the log has more, then a pause of the poll
/// interval. A failed batch (a Redis or database blip) is logged and retried after the pause: the loop stops
/// only with the host.
/// </summary>
public static partial class ProjectionLoop
{
    /// <param name="name">What is projected, for the log ("earnings", "order books").</param>
    /// <param name="batch">One batch; returns how many log entries it read (0: caught up).</param>
    public static async Task RunAsync(
        string name, Func<CancellationToken, Task<int>> batch, TimeSpan poll, TimeProvider clock, ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await batch(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, name, e);
            }

            await Task.Delay(poll, clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Projection} projection failed; the next poll retries")]
    private static partial void LogFailed(ILogger logger, string projection, Exception exception);
}
