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

    [Fact]
    public void The_first_line_says_where_the_video_is_and_an_older_archive_without_it_means_none()
    {
        var header = JsonSerializer.Serialize(new ReplayLine("replay", 0, 0, Stream(), null) { VideoUrl = "/api/streams/s1/replay/video", Video = ReplayVideoStatus.Ready }, ApiJson.Options);
        Assert.Contains("\"videoUrl\":\"/api/streams/s1/replay/video\"", header, StringComparison.Ordinal);
        Assert.Contains("\"video\":\"Ready\"", header, StringComparison.Ordinal);

        var ready = ReplayTimeline.Parse(header);
        Assert.Equal("/api/streams/s1/replay/video", ready.VideoUrl);
        Assert.Equal(ReplayVideoStatus.Ready, ready.Video);

        var old = ReplayTimeline.Parse(Line("replay", 0, stream: Stream()));
        Assert.Null(old.VideoUrl);
        Assert.Equal(ReplayVideoStatus.None, old.Video);
    }

    [Fact]
    public void Reconnect_gaps_are_not_in_the_recording_so_later_pins_move_earlier_by_the_gap()
    {
        var archive = string.Join('\n',
            Line("replay", 0, stream: Stream()),
            Line(nameof(ProductPinned), 5_000, Pinned(1, "a")),
            Line(nameof(StreamReconnecting), 10_000, new StreamReconnecting { StreamId = "s1", Seq = 2, EndsAt = DateTimeOffset.UnixEpoch }),
            Line(nameof(ProductPinned), 12_000, Pinned(3, "during")),
            Line(nameof(StreamResumed), 14_000, new StreamResumed { StreamId = "s1", Seq = 4 }),
            Line(nameof(ProductPinned), 20_000, Pinned(5, "b")),
            Line(nameof(StreamReconnecting), 30_000, new StreamReconnecting { StreamId = "s1", Seq = 6, EndsAt = DateTimeOffset.UnixEpoch }),
            Line(nameof(ProductPinned), 35_000, Pinned(7, "after-the-end")));

        var at = ReplayTimeline.Parse(archive).Changes.ToDictionary(c => c.Pinned!.ProductId, c => c.At.TotalSeconds);

        Assert.Equal(5, at["a"]);
        Assert.Equal(10, at["during"]); // where the recording resumes
        Assert.Equal(16, at["b"]); // 20 s after the start, less the 4 s away
        Assert.Equal(26, at["after-the-end"]); // the recording's end (30 s less the 4 s gap)
    }
}
