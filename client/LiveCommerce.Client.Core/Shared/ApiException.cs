using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Shared;

/// <summary>
/// A refusal from the API or the hub: the server's stable <see cref="ErrorCodes">code</see> plus
/// its human message. Pages branch on <see cref="Code"/> and may show <see cref="Exception.Message"/>.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException()
        : this("unknown", "The request failed.")
    {
    }

    public ApiException(string message)
        : this("unknown", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "unknown";
    }

    public ApiException(string code, string message, HttpStatusCode? status = null)
        : base(message)
    {
        Code = code;
        Status = status;
    }

    public string Code { get; }

    /// <summary>The request fields the server refused (JSON names, e.g. <c>title</c>) and why, to show next to each field.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; private init; } = new Dictionary<string, string>();

    /// <summary>A stable code per refused field (<c>fieldCodes</c>), when the server gives one: a form words it in the viewer's language.</summary>
    public IReadOnlyDictionary<string, string> FieldCodes { get; private init; } = new Dictionary<string, string>();

    /// <summary>Why <paramref name="field"/> was refused, or null: a form shows it next to the field.</summary>
    public static string? ForField(Exception? error, string field) =>
        error is ApiException api && api.Fields.TryGetValue(field, out var message) ? message : null;

    /// <summary>The HTTP status, for refusals that came over HTTP; null for hub errors.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>True when trying again later may succeed.</summary>
    public bool IsTransient => Code is ErrorCodes.Unavailable or ErrorCodes.RateLimited
        || Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    /// <summary>Reads a ProblemDetails answer (<c>{ code, title, detail }</c>); copes with bodies that are not one.</summary>
    public static async Task<ApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken ct = default)
    {
        string? code = null;
        string? detail = null;
        IReadOnlyDictionary<string, string>? fields = null;
        IReadOnlyDictionary<string, string>? fieldCodes = null;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<Problem>(ApiJson.Options, ct);
            code = problem?.Code ?? problem?.Title;
            detail = problem?.Detail;
            fields = problem?.Fields;
            fieldCodes = problem?.FieldCodes;
        }
        catch (JsonException)
        {
            // Not ProblemDetails (e.g. an empty 404 from a disabled endpoint): fall back to the status.
        }
        catch (NotSupportedException)
        {
            // No or another content type.
        }

        code ??= response.StatusCode switch
        {
            HttpStatusCode.NotFound => "not_found",
            HttpStatusCode.Unauthorized => ErrorCodes.Unauthenticated,
            HttpStatusCode.Forbidden => ErrorCodes.Forbidden,
            HttpStatusCode.TooManyRequests => ErrorCodes.RateLimited,
            >= HttpStatusCode.InternalServerError => ErrorCodes.Unavailable,
            _ => "http_" + (int)response.StatusCode,
        };
        return new ApiException(code, detail ?? $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.", response.StatusCode)
        {
            Fields = fields ?? new Dictionary<string, string>(),
            FieldCodes = fieldCodes ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>Turns a hub error ("… HubException: code: message") into a coded refusal.</summary>
    public static ApiException FromHubError(Exception e)
    {
        var code = ErrorCodes.FromHubError(e.Message) ?? ErrorCodes.Unavailable;
        var marker = code + ": ";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        var message = at >= 0 ? e.Message[(at + marker.Length)..] : e.Message;
        return new ApiException(code, message);
    }

    /// <summary>What to tell a person when a call failed for any reason.</summary>
    public static string Describe(Exception e) => e switch
    {
        ApiException api => api.Message,
        HttpRequestException => "Can't reach LiveCommerce right now. Check your connection and try again.",
        _ => "Something went wrong. Please try again.",
    };

    private sealed record Problem(string? Code, string? Title, string? Detail, Dictionary<string, string>? Fields, Dictionary<string, string>? FieldCodes = null);
}
