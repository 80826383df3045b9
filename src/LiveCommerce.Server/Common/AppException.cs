using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Common;

/// <summary>
/// A refusal the caller can act on: a stable <see cref="Code"/> (see <see cref="ErrorCodes"/>)
/// and a human message. The hub turns it into a HubException, HTTP into ProblemDetails.
/// </summary>
public sealed class AppException(string code, string message, int status = StatusCodes.Status400BadRequest)
    : Exception(message)
{
    public string Code { get; } = code;

    public int Status { get; } = status;

    public static AppException NotFound(string code, string message) => new(code, message, StatusCodes.Status404NotFound);

    public static AppException Forbidden(string code, string message) => new(code, message, StatusCodes.Status403Forbidden);

    public static AppException Conflict(string code, string message) => new(code, message, StatusCodes.Status409Conflict);
}
