using System.Diagnostics;
using System.Diagnostics.Metrics;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Pipeline;

/// <summary>One log line per refused or failed command, and a duration histogram per message type.</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await next(message, cancellationToken);
        }
        catch (AppException e)
        {
            outcome = e.Code;
            LogRefused(logger, typeof(TMessage).Name, e.Code, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcome = "error";
            LogFailed(logger, typeof(TMessage).Name, e);
            throw;
        }
        finally
        {
            PipelineMetrics.Duration.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new("message", typeof(TMessage).Name),
                new("outcome", outcome));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} refused: {Code} {Reason}")]
    private static partial void LogRefused(ILogger logger, string message, string code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message} failed")]
    private static partial void LogFailed(ILogger logger, string message, Exception exception);
}

internal static class PipelineMetrics
{
    public static readonly Meter Meter = new("LiveCommerce.Server");

    public static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("livecommerce.command.duration", "ms", "Time to handle one mediator message.");
}
