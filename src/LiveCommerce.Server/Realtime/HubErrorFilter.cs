using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Every hub refusal reaches the caller as <c>"code: message"</c> and the connection stays up;
/// unexpected failures are logged and answered with a code, never a stack trace. Each call is counted
/// by method and outcome (<c>livecommerce.hub.invocations</c>).
/// </summary>
public sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger, LiveCommerceMetrics metrics) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var outcome = "failed";
        try
        {
            var result = await next(context);
            outcome = "ok";
            return result;
        }
        catch (AppException e)
        {
            outcome = "refused";
            throw new HubException($"{e.Code}: {e.Message}");
        }
        catch (HubException)
        {
            outcome = "refused";
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (Exception e)
        {
            LogFailed(logger, context.HubMethodName, e);
            throw new HubException($"{ErrorCodes.Unavailable}: The server could not complete {context.HubMethodName}; try again.");
        }
        finally
        {
            metrics.HubInvoked(context.HubMethodName, outcome);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private static partial void LogFailed(ILogger logger, string method, Exception exception);
}
