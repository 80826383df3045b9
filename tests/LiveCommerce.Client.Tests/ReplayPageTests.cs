using System.Net;
using System.Text.Json;
using LiveCommerce.Client.Features.Replays;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The replay page: what it plays for each state of the recording, and what it offers for a pin.</summary>
public sealed class ReplayPageTests
{
    private static ClientTestContext Context(ReplayVideoStatus? video, string? videoUrl, string? playbackUrl = null)
    {
        var ctx = new ClientTestContext();
        var stream = Stream("s1", StreamStatus.Ended) with { PlaybackUrl = playbackUrl };
        var archive = string.Join('\n',
            JsonSerializer.Serialize(new ReplayLine("replay", 0, 0, stream, null) { VideoUrl = videoUrl, Video = video }, ApiJson.Options),
            JsonSerializer.Serialize(new ReplayLine(nameof(ProductPinned), 3_000, 1, null, JsonSerializer.SerializeToElement(Pinned(1, "p-1"), ApiJson.Options)), ApiJson.Options));
        ctx.Http.Routes["GET /api/streams/s1/replay"] = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(archive) });
        return ctx;
    }

    [Fact]
    public async Task A_stored_recording_plays_and_each_pin_offers_Buy_and_a_moment_to_play_from()
    {
        await using var ctx = Context(ReplayVideoStatus.Ready, "/api/streams/s1/replay/video", playbackUrl: "/hls/s1.m3u8");
        var player = ctx.JSInterop.SetupModule("./js/player.js");
        var cut = ctx.Render<Replay>(p => p.Add(r => r.StreamId, "s1"));

        cut.WaitForAssertion(() => Assert.Equal("/api/streams/s1/replay/video", Assert.Single(player.Invocations, i => i.Identifier == "attach").Arguments[1]));
        Assert.Equal("Ready", cut.Find("[data-testid=replay]").GetAttribute("data-video"));
        Assert.Empty(cut.FindAll("[data-testid=replay-video-status]"));
        Assert.Empty(cut.FindAll("[data-testid=pinned-product]"));

        await cut.InvokeAsync(() => cut.Instance.OnTime(3.2));
        var buy = cut.Find("[data-testid=replay-buy]");
        Assert.Equal("watch/s1?product=p-1", buy.GetAttribute("href"));
        Assert.Equal("Buy Product p-1", buy.GetAttribute("aria-label"));

        var moment = cut.Find("[data-testid=replay-moment]");
        Assert.Equal("Play from 0:03: Product p-1", moment.GetAttribute("aria-label"));
        moment.Click();
        Assert.Equal(3.0, Assert.Single(player.Invocations, i => i.Identifier == "seek").Arguments[1]);
    }

    [Theory]
    [InlineData(ReplayVideoStatus.Pending, "The video is being prepared. It appears here in a moment.")]
    [InlineData(ReplayVideoStatus.Failed, "This stream's video could not be prepared.")]
    public async Task A_recording_not_stored_plays_nothing_and_says_why(ReplayVideoStatus video, string notice)
    {
        await using var ctx = Context(video, null, playbackUrl: "/hls/s1.m3u8");
        var player = ctx.JSInterop.SetupModule("./js/player.js");
        var cut = ctx.Render<Replay>(p => p.Add(r => r.StreamId, "s1"));

        cut.WaitForAssertion(() => Assert.Equal(notice, cut.Find("[data-testid=replay-video-status]").TextContent));
        Assert.Equal("status", cut.Find("[data-testid=replay-video-status]").GetAttribute("role"));
        Assert.DoesNotContain(player.Invocations, i => i.Identifier == "attach"); // the live playlist must not play as the replay
        Assert.Empty(cut.FindAll("[data-testid=replay-moment]"));
    }

    [Fact]
    public async Task A_stream_that_was_never_recorded_plays_its_own_playback_URL_as_before()
    {
        await using var ctx = Context(ReplayVideoStatus.None, null, playbackUrl: "https://videos.example/s1.mp4");
        var player = ctx.JSInterop.SetupModule("./js/player.js");
        var cut = ctx.Render<Replay>(p => p.Add(r => r.StreamId, "s1"));

        cut.WaitForAssertion(() => Assert.Equal("https://videos.example/s1.mp4", Assert.Single(player.Invocations, i => i.Identifier == "attach").Arguments[1]));
        Assert.Empty(cut.FindAll("[data-testid=replay-video-status]"));
    }
}
