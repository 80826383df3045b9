namespace LiveCommerce.Server.Common;

/// <summary>
/// A background loop that runs one step per interval on every node. A failed step (a Redis blip) is
/// logged and the next tick retries: the loop stops only with the host.
/// </summary>
/// <param name="clock">The injected clock: required (no default), so every periodic service ticks on the clock the host registers, which a test can replace.</param>
public abstract partial class PeriodicWork(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected ILogger Logger { get; } = logger;

    protected TimeProvider Clock { get; } = clock;

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
