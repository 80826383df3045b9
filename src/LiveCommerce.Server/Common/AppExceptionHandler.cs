using LiveCommerce.Contracts;
using Microsoft.AspNetCore.Diagnostics;

namespace LiveCommerce.Server.Common;

/// <summary>Refusals become ProblemDetails with a stable <c>code</c>; storage outages a 503; anything else a 500 without internals.</summary>
public sealed class AppExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, code, detail) = exception switch
        {
            AppException e => (e.Status, e.Code, e.Message),
            BadHttpRequestException e => (StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The request body or parameters are malformed."),
            // Redis down or restarting: a retryable 503, not a 500 (readiness says the same meanwhile).
            StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException =>
                (StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, "The service is briefly unavailable; try again shortly."),
            _ => (StatusCodes.Status500InternalServerError, "internal_error", "The server could not complete the request."),
        };
        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = code, Detail = detail, Extensions = { ["code"] = code } },
        };
        if (exception is AppException { Fields.Count: > 0 } refused)
        {
            // "fields": { "title": "title is required." }: what a form shows next to each field.
            context.ProblemDetails.Extensions["fields"] = refused.Fields;
            if (refused.FieldCodes.Count > 0)
            {
                context.ProblemDetails.Extensions["fieldCodes"] = refused.FieldCodes;
            }
        }

        return await problems.TryWriteAsync(context);
    }
}
