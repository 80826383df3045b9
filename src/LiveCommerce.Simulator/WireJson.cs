using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Simulator;

/// <summary>
/// The JSON settings of the simulated clients' hub protocol, one instance per process. System.Text.Json
/// builds its per-type metadata (reflection, emitted accessors) once per options instance; a
/// HubConnectionBuilder makes a fresh instance per connection, so a crowd of thousands would pay that
/// warm-up on every connection's first frame of each type, and load runs would count it against the
/// server (docs/BENCHMARKS.md, "Shared JSON options for simulated clients"). A real client has one
/// connection and keeps its protocol across reconnects, so it pays it once; sharing the options
/// makes the simulated crowd behave the same.
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Use as <c>AddJsonProtocol(WireJson.Configure)</c>.</summary>
    public static void Configure(JsonHubProtocolOptions o) => o.PayloadSerializerOptions = Options;

    private static JsonSerializerOptions Create()
    {
        // SignalR's defaults (camelCase, case-insensitive reads), plus enums as strings like the server.
        var options = new JsonHubProtocolOptions().PayloadSerializerOptions;
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
