using System.Text.Json;
using LiveCommerce.Client.Features.Replays;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

public sealed class ReplayTimelineTests
{
    private static string Line(string type, long offsetMs, object? e = null, StreamDto? stream = null) =>
        JsonSerializer.Serialize(new ReplayLine(type, offsetMs, 0, stream, e is null ? null : JsonSerializer.SerializeToElement(e, e.GetType(), ApiJson.Options)), ApiJson.Options);

    [Fact]
    public void Pins_show_at_the_moments_they_were_pinned_live()
    {
        var archive = string.Join('\n',
            Line("replay", 0, stream: Stream()),
            Line(nameof(ProductPinned), 5_000, Pinned(1, "a")),
            Line(nameof(CommentsAdded), 6_000, Comments(2, Comment("c"))),
            Line(nameof(ProductPinned), 10_000, Pinned(3, "b")),
            Line(nameof(ProductUnpinned), 20_000, new ProductUnpinned { StreamId = "s1", Seq = 4, ProductId = "a", PinId = "pin-a", Reason = "expired" }),
            "{ not json",
            "");

        var timeline = ReplayTimeline.Parse(archive);

        Assert.Equal("Title s1", timeline.Stream?.Title);
        Assert.Empty(timeline.PinsAt(TimeSpan.FromSeconds(4.9)));
        Assert.Equal(["a"], timeline.PinsAt(TimeSpan.FromSeconds(5)).Select(p => p.ProductId));
        Assert.Equal(["a", "b"], timeline.PinsAt(TimeSpan.FromSeconds(15)).Select(p => p.ProductId));
        Assert.Equal(["b"], timeline.PinsAt(TimeSpan.FromMinutes(1)).Select(p => p.ProductId));

        // Seeking back shows the earlier state again.
        Assert.Equal(["a"], timeline.PinsAt(TimeSpan.FromSeconds(7)).Select(p => p.ProductId));
    }
}
