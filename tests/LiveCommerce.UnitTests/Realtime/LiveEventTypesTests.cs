using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;

namespace LiveCommerce.UnitTests.Realtime;

public sealed class LiveEventTypesTests
{
    [Fact]
    public void Every_live_event_has_a_client_method_of_its_name()
    {
        Assert.NotEmpty(LiveEventTypes.All);
        foreach (var type in LiveEventTypes.All)
        {
            Assert.NotNull(typeof(ILiveClient).GetMethod(type.Name, [type]));
        }
    }

    [Fact]
    public void Events_round_trip_through_json_keeping_their_type()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LiveEventTypes.AddPolymorphism } },
        };
        LiveEvent original = new StreamEnded { StreamId = "s1", Seq = 7, EndedAt = DateTimeOffset.UnixEpoch };
        var back = JsonSerializer.Deserialize<LiveEvent>(JsonSerializer.Serialize(original, options), options);
        Assert.Equal(original, back);
    }
}
