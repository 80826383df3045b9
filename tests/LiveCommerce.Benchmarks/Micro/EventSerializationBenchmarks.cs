using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using LiveCommerce.Benchmarks.Scenarios;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.Server.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Benchmarks.Micro;

/// <summary>
/// What the hot path does per event: the event log stores it as polymorphic JSON (<see cref="StoredJson"/>,
/// resolver from <c>LiveEventTypes</c>) and reads it back on catch-up; a group send writes one
/// SignalR frame per protocol (JSON and MessagePack, as the server is configured).
/// </summary>
[MemoryDiagnoser]
public class EventSerializationBenchmarks
{
    // Order matters: static fields initialize top to bottom.
    private static readonly LiveEvent Event = FanoutScenario.SamplePayload() with { Seq = 12345, At = DateTimeOffset.UtcNow };
    private static readonly InvocationMessage Frame = new(nameof(ILiveClient.StreamUpdated), [Event]);
    private readonly JsonHubProtocol _json = new(Options.Create(new JsonHubProtocolOptions { PayloadSerializerOptions = { Converters = { new JsonStringEnumConverter() } } }));
    private readonly MessagePackHubProtocol _messagePack = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private string _stored = "";

    [GlobalSetup]
    public void Setup() => _stored = StoredJson.Write(Event);

    [Benchmark(Baseline = true)]
    public byte[] LogJson_Serialize_Polymorphic() => JsonSerializer.SerializeToUtf8Bytes(Event, StoredJson.Options);

    [Benchmark]
    public LiveEvent LogJson_Deserialize_Polymorphic() => StoredJson.Read<LiveEvent>(_stored);

    [Benchmark]
    public int HubFrame_Json()
    {
        _buffer.ResetWrittenCount();
        _json.WriteMessage(Frame, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int HubFrame_MessagePack()
    {
        _buffer.ResetWrittenCount();
        _messagePack.WriteMessage(Frame, _buffer);
        return _buffer.WrittenCount;
    }
}
