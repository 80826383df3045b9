using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveCommerce.Client.Shared;

/// <summary>
/// The server's JSON conventions, over HTTP and over the SignalR JSON protocol alike:
/// camelCase names and enums as strings.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the conventions to options owned by someone else (the hub protocol's).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
