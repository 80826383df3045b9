using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit.Processes;

using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Video;

/// <summary>
/// "Go live from this browser" without the browser: a WebSocket sends a recording as Chromium's MediaRecorder
/// makes it (H.264 + Opus in Matroska); the node relays it through ffmpeg (video copied) to the real engine.
/// </summary>
public sealed class BrowserIngestTests(BrowserIngestCluster cluster) : IClassFixture<BrowserIngestCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private const int Chunk = 16 * 1024;

    /// <summary>
    /// A minute of recording sent over 30 s: twice real time, so the test is short and the relay keeps
    /// writing until the server closes it (an ffmpeg with nothing to write never learns the engine dropped it,
    /// which a camera, sending every half second, never leaves it).
    /// </summary>
    private static TimeSpan Pace(string recording) =>
        TimeSpan.FromSeconds(30) / Math.Max(1, new FileInfo(recording).Length / Chunk);

    [Fact]
    public async Task The_hosts_browser_goes_live_and_the_HLS_appears_then_ending_the_stream_closes_the_socket_and_its_relay()
    {
        var stream = await cluster.ScheduleAsync();
        await using var viewer = await cluster.A.ViewerAsync();
        await viewer.JoinAsync(stream.Id);
        var recording = await BrowserSocket.RecordingAsync(seconds: 60);

        await using var browser = await cluster.BrowserAsync(cluster.A, stream.Id);
        var sending = browser.SendFileAsync(recording, Chunk, Pace(recording));
        await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamStarted>().Any(), Patience, "StreamStarted");
        var playlist = await Eventually.WaitForAsync(() => cluster.Engine.PlaylistAsync(stream.Id), p => p?.Contains(".ts", StringComparison.Ordinal) == true, "a playable HLS playlist", Patience);
        Assert.Equal(IngestStatus.Publishing, (await cluster.IngestAsync(stream.Id)).Status);
        Assert.Equal(StreamStatus.Live, (await cluster.StreamAsync(stream.Id)).Status);
        Assert.Equal(1, BrowserSocket.RelaysOf(stream.Id));

        // The key was made by the server: nothing the browser or a viewer sees carries it.
        var key = (await cluster.IngestAsync(stream.Id)).StreamKey!.Split("?key=")[1];
        Assert.DoesNotContain(key, playlist!, StringComparison.Ordinal);

        // The host ends the stream: the engine drops the relay at its next check, and the browser is told why.
        using (var host = cluster.A.Authorized(await cluster.A.TokenAsync("mia")))
        {
            await LiveApi.ReadAsync<StreamDto>(await host.PostAsync($"/api/streams/{stream.Id}/end", null));
        }

        var (code, reason) = await browser.ClosedAsync(Patience);
        Assert.Equal(BrowserIngestClose.Ended, code);
        Assert.Contains("ended", reason, StringComparison.Ordinal);
        await sending;
        await Eventually.WaitForAsync(() => Task.FromResult(BrowserSocket.RelaysOf(stream.Id)), n => n == 0, "the relay to stop", Patience);
    }

    [Fact]
    public async Task Stop_closes_normally_and_the_stream_shows_reconnecting_and_a_browser_that_vanishes_leaves_no_relay()
    {
        var stream = await cluster.ScheduleAsync();
        await using var viewer = await cluster.A.ViewerAsync();
        await viewer.JoinAsync(stream.Id);
        var recording = await BrowserSocket.RecordingAsync(seconds: 60);

        await using (var browser = await cluster.BrowserAsync(cluster.A, stream.Id))
        {
            var sending = browser.SendFileAsync(recording, Chunk, Pace(recording));
            await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamStarted>().Any(), Patience, "StreamStarted");
            var (code, _) = await browser.StopAsync(Patience);
            Assert.Equal(BrowserIngestClose.Stopped, code);
            await sending;
        }

        await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamReconnecting>().Any(), Patience, "StreamReconnecting");
        Assert.Equal(0, BrowserSocket.RelaysOf(stream.Id));

        // Back within the grace, then gone without a word: the relay dies with the socket.
        await using (var again = await cluster.BrowserAsync(cluster.A, stream.Id))
        {
            var sending = again.SendFileAsync(recording, Chunk, Pace(recording));
            await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamResumed>().Any(), Patience, "StreamResumed");
            again.Abort();
            await sending;
        }

        await Eventually.WaitForAsync(() => Task.FromResult(BrowserSocket.RelaysOf(stream.Id)), n => n == 0, "the relay to stop", Patience);
    }

    [Fact]
    public async Task Only_the_streams_host_may_publish_and_the_refusal_comes_before_the_upgrade()
    {
        var stream = await cluster.ScheduleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await BrowserSocket.RefusedHandshakeAsync(cluster.A.Address, stream.Id, token: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await BrowserSocket.RefusedHandshakeAsync(cluster.A.Address, stream.Id, "not-a-token"));
        foreach (var other in new[] { "leo", "sam", "glow" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await BrowserSocket.RefusedHandshakeAsync(cluster.A.Address, stream.Id, await cluster.A.TokenAsync(other)));
        }

        Assert.Equal(HttpStatusCode.NotFound, await BrowserSocket.RefusedHandshakeAsync(cluster.A.Address, "no-such-stream", await cluster.A.TokenAsync("mia")));

        // A plain request (no upgrade) from the host is malformed, not a way in.
        using var host = cluster.A.Authorized(await cluster.A.TokenAsync("mia"));
        using var plain = await host.GetAsync($"/api/streams/{stream.Id}/ingest/browser");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal(StreamStatus.Upcoming, (await cluster.StreamAsync(stream.Id)).Status);
        Assert.Equal(0, BrowserSocket.RelaysOf(stream.Id));
    }

    [Fact]
    public async Task An_ended_stream_and_a_stream_another_encoder_publishes_are_refused_with_a_clear_close()
    {
        var ended = await cluster.ScheduleAsync();
        using (var host = cluster.A.Authorized(await cluster.A.TokenAsync("mia")))
        {
            await LiveApi.ReadAsync<StreamDto>(await host.PostAsync($"/api/streams/{ended.Id}/start", null));
            await LiveApi.ReadAsync<StreamDto>(await host.PostAsync($"/api/streams/{ended.Id}/end", null));
        }

        await using (var browser = await cluster.BrowserAsync(cluster.A, ended.Id))
        {
            var (code, reason) = await browser.ClosedAsync(Patience);
            Assert.Equal(BrowserIngestClose.Ended, code);
            Assert.Contains("ended", reason, StringComparison.Ordinal);
        }

        var busy = await cluster.ScheduleAsync();
        var ingest = await cluster.IngestAsync(busy.Id);
        await using var obs = Encoder.Publish($"{ingest.ServerUrl}/{ingest.StreamKey}");
        await Eventually.WaitForAsync(() => cluster.IngestAsync(busy.Id), i => i.Status == IngestStatus.Publishing, "the encoder", Patience);
        await using (var browser = await cluster.BrowserAsync(cluster.A, busy.Id))
        {
            var (code, reason) = await browser.ClosedAsync(Patience);
            Assert.Equal(BrowserIngestClose.Busy, code);
            Assert.Contains("Another encoder", reason, StringComparison.Ordinal);
        }

        Assert.False(obs.HasExited);
        Assert.Equal(0, BrowserSocket.RelaysOf(busy.Id));
    }

    [Fact]
    public async Task Two_browsers_on_two_nodes_at_once_one_publishes_and_the_engine_refuses_the_other_with_a_clear_close()
    {
        var stream = await cluster.ScheduleAsync();
        var recording = await BrowserSocket.RecordingAsync(seconds: 60);
        await using var first = await cluster.BrowserAsync(cluster.A, stream.Id);
        await using var second = await cluster.BrowserAsync(cluster.Tight, stream.Id);
        var sending = Task.WhenAll(first.SendFileAsync(recording, Chunk, Pace(recording)), second.SendFileAsync(recording, Chunk, Pace(recording)));

        // Neither node saw a publisher when its browser connected: the engine's one-publisher rule decides.
        var refused = await Task.WhenAny(first.ClosedAsync(Patience), second.ClosedAsync(Patience));
        var (code, reason) = await refused;
        Assert.Equal(BrowserIngestClose.Busy, code);
        Assert.Contains("Another encoder", reason, StringComparison.Ordinal);
        Assert.Equal(IngestStatus.Publishing, (await cluster.IngestAsync(stream.Id)).Status);
        Assert.Equal(1, BrowserSocket.RelaysOf(stream.Id));

        first.Abort();
        second.Abort();
        await sending;
    }

    [Fact]
    public async Task A_message_over_the_limit_and_a_text_message_close_the_socket_with_their_codes()
    {
        var stream = await cluster.ScheduleAsync();
        await using (var browser = await cluster.BrowserAsync(cluster.Tight, stream.Id))
        {
            await browser.SendAsync(new byte[BrowserIngestCluster.TightMessageBytes + 1]);
            var (code, reason) = await browser.ClosedAsync(Patience);
            Assert.Equal(BrowserIngestClose.MessageTooBig, code);
            Assert.Contains(BrowserIngestCluster.TightMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), reason, StringComparison.Ordinal);
        }

        await using (var browser = await cluster.BrowserAsync(cluster.Tight, stream.Id))
        {
            await browser.SendAsync("hello"u8.ToArray(), WebSocketMessageType.Text);
            Assert.Equal(BrowserIngestClose.UnsupportedData, (await browser.ClosedAsync(Patience)).Code);
        }

        await Eventually.WaitForAsync(() => Task.FromResult(BrowserSocket.RelaysOf(stream.Id)), n => n == 0, "the relays to stop", Patience);
    }

    [Fact]
    public async Task An_upload_past_the_sessions_byte_limit_is_closed_and_its_relay_killed()
    {
        var stream = await cluster.ScheduleAsync();
        var recording = await BrowserSocket.RecordingAsync(seconds: 60);
        Assert.True(new FileInfo(recording).Length > BrowserIngestCluster.TightSessionBytes);

        await using var browser = await cluster.BrowserAsync(cluster.Tight, stream.Id);
        await browser.SendFileAsync(recording, Chunk, TimeSpan.Zero);
        var (code, reason) = await browser.ClosedAsync(Patience);
        Assert.Equal(BrowserIngestClose.LimitReached, code);
        Assert.Contains("MiB", reason, StringComparison.Ordinal);
        await Eventually.WaitForAsync(() => Task.FromResult(BrowserSocket.RelaysOf(stream.Id)), n => n == 0, "the relay to stop", Patience);
    }

    [Fact]
    public async Task An_endless_session_ends_at_its_duration_limit_and_a_silent_one_at_the_idle_limit()
    {
        var endless = await cluster.ScheduleAsync();
        var recording = await BrowserSocket.RecordingAsync(seconds: 60);
        await using (var browser = await cluster.BrowserAsync(cluster.Tight, endless.Id))
        {
            // Real time, small enough to stay under the byte limit for longer than the duration limit.
            var started = DateTime.UtcNow;
            var sending = browser.SendFileAsync(recording, 4 * 1024, TimeSpan.FromMilliseconds(100));
            var (code, reason) = await browser.ClosedAsync(Patience);
            Assert.Equal(BrowserIngestClose.LimitReached, code);
            Assert.Contains("time limit", reason, StringComparison.Ordinal);
            Assert.InRange(DateTime.UtcNow - started, BrowserIngestCluster.TightDuration - TimeSpan.FromSeconds(1), Patience);
            await sending;
        }

        var silent = await cluster.ScheduleAsync();
        await using (var browser = await cluster.BrowserAsync(cluster.Tight, silent.Id))
        {
            var (code, reason) = await browser.ClosedAsync(Patience);
            Assert.Equal(BrowserIngestClose.Idle, code);
            Assert.Contains("No video", reason, StringComparison.Ordinal);
        }

        await Eventually.WaitForAsync(() => Task.FromResult(BrowserSocket.RelaysOf(endless.Id) + BrowserSocket.RelaysOf(silent.Id)), n => n == 0, "the relays to stop", Patience);
    }
}
