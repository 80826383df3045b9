namespace LiveCommerce.Server.Common;

/// <summary>
/// A background loop that runs one step per interval on every node. A failed step (a Redis blip) is
/// logged and the next tick retries: the loop stops only with the host.
/// </summary>
public abstract partial class PeriodicWork : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract ILogger Logger { get; }

    /// <summary>The injected clock: abstract, so no periodic service ticks on the system clock by default (two did).</summary>
    protected abstract TimeProvider Clock { get; }

    /// <summary>One step; public so that tests can drive it without waiting for the timer.</summary>
    public abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStepFailed(Logger, GetType().Name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} step failed; the next tick retries")]
    private static partial void LogStepFailed(ILogger logger, string work, Exception exception);
}
