using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveCommerce.Client.Shared;

/// <summary>
/// The server's JSON conventions over HTTP (the hub speaks MessagePack): camelCase names and
/// enums as strings.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
