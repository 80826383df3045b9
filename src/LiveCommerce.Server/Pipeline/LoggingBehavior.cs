using System.Diagnostics;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Pipeline;

/// <summary>
/// One log line per refused or failed command; a duration per message type and outcome
/// (<c>livecommerce.command.duration</c>); and a span per message when traces are exported.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, LiveCommerceMetrics metrics)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        using var activity = LiveCommerceTracing.Source.StartActivity(name);
        var started = Stopwatch.GetTimestamp();
        var (outcome, errorType) = ("ok", (string?)null);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (AppException e)
        {
            (outcome, errorType) = ("refused", e.Code);
            LogRefused(logger, name, e.Code, e.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (Exception e)
        {
            (outcome, errorType) = ("failed", e.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            LogFailed(logger, name, e);
            throw;
        }
        finally
        {
            activity?.SetTag("livecommerce.outcome", outcome);
            activity?.SetTag("error.type", errorType);
            metrics.CommandHandled(name, outcome, errorType, Stopwatch.GetElapsedTime(started));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} refused: {Code} {Reason}")]
    private static partial void LogRefused(ILogger logger, string message, string code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message} failed")]
    private static partial void LogFailed(ILogger logger, string message, Exception exception);
}
