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

    /// <summary>Which request fields (JSON names) were refused and why; empty when the refusal is about the request as a whole.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>A stable code per refused field (e.g. <c>postalCode: postal_code_invalid</c>), when the fields differ in why.</summary>
    public IReadOnlyDictionary<string, string> FieldCodes { get; init; } = new Dictionary<string, string>();

    /// <summary>A refusal caused by one field, shown next to it.</summary>
    public static AppException ForField(string code, string field, string message, int status = StatusCodes.Status400BadRequest) =>
        new(code, message, status) { Fields = new Dictionary<string, string> { [field] = message } };

    public static AppException NotFound(string code, string message) => new(code, message, StatusCodes.Status404NotFound);

    public static AppException Forbidden(string code, string message) => new(code, message, StatusCodes.Status403Forbidden);

    public static AppException Conflict(string code, string message) => new(code, message, StatusCodes.Status409Conflict);
}
