using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Every hub refusal reaches the caller as <c>"code: message"</c> and the connection stays up;
/// unexpected failures are logged and answered with a code, never a stack trace.
/// </summary>
public sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (AppException e)
        {
            throw new HubException($"{e.Code}: {e.Message}");
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            LogFailed(logger, context.HubMethodName, e);
            throw new HubException($"{ErrorCodes.Unavailable}: The server could not complete {context.HubMethodName}; try again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private static partial void LogFailed(ILogger logger, string method, Exception exception);
}
