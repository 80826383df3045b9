using System.Net;
using LiveCommerce.Contracts;
using LiveCommerce.TestKit;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.IntegrationTests.Video;

/// <summary>
/// Real encoders (ffmpeg, stream copy) against the real engine (nginx-rtmp), which asks node A;
/// viewers on node B see what happens through the normal live path.
/// </summary>
public sealed class IngestTests(VideoCluster cluster) : IClassFixture<VideoCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_right_key_takes_the_stream_live_on_both_nodes_and_its_HLS_appears_without_the_key_in_it()
    {
        var stream = await cluster.ScheduleAsync();
        await using var viewer = await cluster.B.ViewerAsync();
        await viewer.JoinAsync(stream.Id);
        var ingest = await cluster.IngestAsync(cluster.B, stream.Id);
        Assert.Equal(IngestStatus.Idle, ingest.Status);
        Assert.Equal(cluster.Engine.RtmpUrl, ingest.ServerUrl);

        await using var encoder = Encoder.Publish(VideoCluster.PublishUrl(ingest));
        await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamStarted>().Any(), Patience, "StreamStarted on node B");
        var playlist = await Eventually.WaitForAsync(() => cluster.Engine.PlaylistAsync(stream.Id), p => p?.Contains(".ts", StringComparison.Ordinal) == true, "a playable HLS playlist", Patience);

        var live = await cluster.StreamAsync(stream.Id);
        Assert.Equal(StreamStatus.Live, live.Status);
        Assert.Equal($"{cluster.Engine.HlsBaseUrl}/{stream.Id}.m3u8", live.PlaybackUrl);
        var key = ingest.StreamKey![(ingest.StreamKey!.IndexOf("?key=", StringComparison.Ordinal) + 5)..];
        Assert.DoesNotContain(key, live.PlaybackUrl!, StringComparison.Ordinal);
        Assert.DoesNotContain(key, playlist!, StringComparison.Ordinal);
        Assert.Equal(IngestStatus.Publishing, (await cluster.IngestAsync(cluster.A, stream.Id)).Status);
        Assert.False(encoder.HasExited);
    }

    [Fact]
    public async Task A_wrong_key_another_streams_key_and_a_rotated_key_are_refused_by_the_engine()
    {
        var stream = await cluster.ScheduleAsync();
        var other = await cluster.ScheduleAsync();
        var ingest = await cluster.IngestAsync(cluster.A, stream.Id);
        var otherKey = (await cluster.IngestAsync(cluster.A, other.Id)).StreamKey!;
        var rotated = await cluster.IngestAsync(cluster.A, stream.Id, rotate: true);
        Assert.NotEqual(ingest.StreamKey, rotated.StreamKey);

        string[] refused =
        [
            $"{ingest.ServerUrl}/{stream.Id}?key=not-the-key",
            $"{ingest.ServerUrl}/{stream.Id}",
            $"{ingest.ServerUrl}/{stream.Id}{otherKey[otherKey.IndexOf('?', StringComparison.Ordinal)..]}",
            VideoCluster.PublishUrl(ingest),
        ];
        foreach (var url in refused)
        {
            await using var encoder = Encoder.Publish(url, loop: false);
            var (exitCode, _) = await encoder.ExitAsync(Patience);
            Assert.NotEqual(0, exitCode);
        }

        Assert.Null(await cluster.Engine.PlaylistAsync(stream.Id));
        Assert.Equal(StreamStatus.Upcoming, (await cluster.StreamAsync(stream.Id)).Status);
        Assert.Equal(StreamStatus.Upcoming, (await cluster.StreamAsync(other.Id)).Status);
    }

    [Fact]
    public async Task A_second_encoder_on_the_same_key_is_refused_and_the_first_keeps_publishing()
    {
        var stream = await cluster.ScheduleAsync();
        var ingest = await cluster.IngestAsync(cluster.A, stream.Id);
        await using var first = Encoder.Publish(VideoCluster.PublishUrl(ingest));
        await Eventually.WaitForAsync(() => cluster.IngestAsync(cluster.A, stream.Id), i => i.Status == IngestStatus.Publishing, "the first encoder", Patience);

        await using var second = Encoder.Publish(VideoCluster.PublishUrl(ingest), loop: false);
        var (exitCode, _) = await second.ExitAsync(Patience);
        Assert.NotEqual(0, exitCode);
        Assert.False(first.HasExited);
        Assert.Equal(IngestStatus.Publishing, (await cluster.IngestAsync(cluster.B, stream.Id)).Status);
    }

    [Fact]
    public async Task An_encoder_that_drops_shows_reconnecting_and_resumes_the_same_stream_when_it_comes_back_in_time()
    {
        var stream = await cluster.ScheduleAsync();
        await using var viewer = await cluster.B.ViewerAsync();
        var ingest = await GoLiveAndDropAsync(stream, viewer);

        await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamReconnecting>().Any(), Patience, "StreamReconnecting");
        var reconnecting = viewer.Events(stream.Id).OfType<StreamReconnecting>().Single();
        Assert.InRange(reconnecting.EndsAt - reconnecting.At, VideoCluster.Grace - TimeSpan.FromSeconds(1), VideoCluster.Grace + TimeSpan.FromSeconds(1));
        await using var late = await cluster.A.ViewerAsync();
        Assert.NotNull((await late.JoinAsync(stream.Id)).ReconnectingUntil);

        await using var back = Encoder.Publish(VideoCluster.PublishUrl(ingest));
        await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamResumed>().Any(), Patience, "StreamResumed");
        Assert.Equal(StreamStatus.Live, (await cluster.StreamAsync(stream.Id)).Status);
        Assert.Empty(viewer.Events(stream.Id).OfType<StreamEnded>());
        Assert.Single(viewer.Events(stream.Id).OfType<StreamStarted>());
    }

    [Fact]
    public async Task An_encoder_that_stays_away_past_the_grace_ends_the_stream_and_cannot_publish_to_it_again()
    {
        var stream = await cluster.ScheduleAsync();
        await using var viewer = await cluster.B.ViewerAsync();
        var ingest = await GoLiveAndDropAsync(stream, viewer);

        await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamEnded>().Any(), Patience + VideoCluster.Grace, "StreamEnded after the grace");
        Assert.Single(viewer.Events(stream.Id).OfType<StreamEnded>());
        Assert.Equal(StreamStatus.Ended, (await cluster.StreamAsync(stream.Id)).Status);

        await using var again = Encoder.Publish(VideoCluster.PublishUrl(ingest), loop: false);
        Assert.NotEqual(0, (await again.ExitAsync(Patience)).ExitCode);
    }

    /// <summary>The viewer joins, an encoder takes the stream live (seen by the viewer) and then drops.</summary>
    private async Task<IngestDto> GoLiveAndDropAsync(StreamDto stream, LiveCommerce.Simulator.LiveViewer viewer)
    {
        await viewer.JoinAsync(stream.Id);
        var ingest = await cluster.IngestAsync(cluster.A, stream.Id);
        await using (Encoder.Publish(VideoCluster.PublishUrl(ingest)))
        {
            await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamStarted>().Any(), Patience, "StreamStarted");
        }

        return ingest;
    }

    [Fact]
    public async Task Rotating_the_key_drops_the_connected_encoder()
    {
        var stream = await cluster.ScheduleAsync();
        var ingest = await cluster.IngestAsync(cluster.A, stream.Id);
        await using var encoder = Encoder.Publish(VideoCluster.PublishUrl(ingest));
        await Eventually.WaitForAsync(() => cluster.IngestAsync(cluster.A, stream.Id), i => i.Status == IngestStatus.Publishing, "the encoder", Patience);

        await cluster.IngestAsync(cluster.B, stream.Id, rotate: true);
        // The engine asks every 5 s (on_update); the refused encoder is disconnected and ffmpeg gives up.
        await encoder.ExitAsync(Patience);
        Assert.True(encoder.HasExited);
    }

    [Fact]
    public async Task Engine_callbacks_without_the_secret_are_refused_and_change_nothing()
    {
        var stream = await cluster.ScheduleAsync();
        var ingest = await cluster.IngestAsync(cluster.A, stream.Id);
        var key = ingest.StreamKey![(ingest.StreamKey!.IndexOf("?key=", StringComparison.Ordinal) + 5)..];
        foreach (var secret in new[] { "", "?secret=wrong", $"?secret={VideoEngineProcess.Secret}x" })
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = stream.Id, ["key"] = key, ["clientid"] = "1", ["call"] = "publish" });
            using var response = await cluster.B.Http.PostAsync($"/api/video/engine/publish{secret}", form);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains(ErrorCodes.EngineCallbackRefused, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(StreamStatus.Upcoming, (await cluster.StreamAsync(stream.Id)).Status);
    }

    [Fact]
    public async Task Only_the_streams_host_sees_or_rotates_its_key()
    {
        var stream = await cluster.ScheduleAsync();
        foreach (var who in new[] { "leo", "ana" })
        {
            using var http = cluster.A.Authorized(await cluster.A.TokenAsync(who));
            using var read = await http.GetAsync($"/api/streams/{stream.Id}/ingest");
            using var rotate = await http.PostAsync($"/api/streams/{stream.Id}/ingest/rotate", null);
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, rotate.StatusCode);
        }

        using var anonymous = await cluster.A.Http.GetAsync($"/api/streams/{stream.Id}/ingest");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
