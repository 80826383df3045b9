using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveCommerce.Client.Shared;

/// <summary>
/// The server's JSON conventions, over HTTP and on the hub: camelCase names and enums as strings.
/// One instance, so System.Text.Json builds each wire type's metadata once for both.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
