using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Storage.Blobs;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.IntegrationTests.Video;

/// <summary>
/// The recording becomes the replay: what ffmpeg published to the real engine lands in Azurite as
/// MP4 of the same length, and plays (with seeking) through the replay's <c>videoUrl</c> on either node.
/// </summary>
public sealed class ReplayVideoTests(VideoCluster cluster) : IClassFixture<VideoCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task The_published_video_lands_in_blob_storage_as_MP4_of_the_published_duration_and_plays_with_ranges()
    {
        var stream = await cluster.ScheduleAsync();
        var ingest = await cluster.IngestAsync(cluster.A, stream.Id);
        var (published, _) = await MediaProbe.ProbeAsync(Encoder.Clip);

        // The clip once, in real time (-re), stream copy: what was published is the clip.
        var clock = Stopwatch.StartNew();
        await using (var encoder = Encoder.Publish(VideoCluster.PublishUrl(ingest), loop: false))
        {
            var (exitCode, errors) = await encoder.ExitAsync(Patience);
            Assert.True(exitCode == 0, errors);
        }

        Assert.True(clock.Elapsed >= published - TimeSpan.FromSeconds(1), $"the encoder ran {clock.Elapsed}, not the clip's {published}: not real time");

        // The encoder has gone but the stream has not ended: the recording waits (it may be appended to on a reconnect).
        var early = await cluster.B.Http.GetAsync($"/api/streams/{stream.Id}/replay/video");
        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Contains(ErrorCodes.ReplayVideoPending, await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using (var host = cluster.A.Authorized(await cluster.A.TokenAsync("mia")))
        {
            (await host.PostAsync($"/api/streams/{stream.Id}/end", null)).EnsureSuccessStatusCode();
        }

        var header = await Eventually.WaitForAsync(() => HeaderAsync(cluster.B, stream.Id), h => h?.Video == ReplayVideoStatus.Ready, "the replay video", Patience);
        Assert.Equal($"/api/streams/{stream.Id}/replay/video", header!.VideoUrl);

        // Gzip-encoded (as browsers ask), the first line says the same.
        using (var gzip = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip }) { BaseAddress = cluster.A.Address })
        {
            var lines = await gzip.GetStringAsync($"/api/streams/{stream.Id}/replay");
            Assert.Equal(header, JsonSerializer.Deserialize<ReplayLine>(lines.Split('\n')[0], LiveApi.Json)! with { Stream = header.Stream });
        }

        // In Azurite, as MP4.
        var blob = new BlobContainerClient(await AzuriteServer.ConnectionStringAsync(), cluster.Container).GetBlobClient($"replays/{stream.Id}.mp4");
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal("video/mp4", properties.ContentType);

        // Through the replay's videoUrl on the other node: the whole file, then ranges.
        var file = Path.Combine(Path.GetTempPath(), $"lc-replay-{stream.Id}.mp4");
        try
        {
            using var whole = await cluster.B.Http.GetAsync(header.VideoUrl);
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal("video/mp4", whole.Content.Headers.ContentType?.MediaType);
            Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
            var bytes = await whole.Content.ReadAsByteArrayAsync();
            Assert.Equal(properties.ContentLength, bytes.Length);
            await File.WriteAllBytesAsync(file, bytes);

            var (duration, format) = await MediaProbe.ProbeAsync(file);
            Assert.Contains("mp4", format, StringComparison.Ordinal);
            Assert.True((duration - published).Duration() <= TimeSpan.FromSeconds(1), $"the replay lasts {duration}, the published clip {published}");

            foreach (var (from, to) in new[] { (0L, 99L), (bytes.Length / 2L, (bytes.Length / 2L) + 4095), (bytes.Length - 10L, bytes.Length - 1L) })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, header.VideoUrl);
                request.Headers.Range = new RangeHeaderValue(from, to);
                using var partial = await cluster.A.Http.SendAsync(request);
                Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
                Assert.Equal($"bytes {from}-{to}/{bytes.Length}", partial.Content.Headers.ContentRange?.ToString());
                Assert.Equal(bytes.AsSpan((int)from, (int)(to - from + 1)).ToArray(), await partial.Content.ReadAsByteArrayAsync());
            }
        }
        finally
        {
            File.Delete(file);
        }

        // Stored, so the engine's folder no longer holds it.
        Assert.Empty(Directory.EnumerateFiles(cluster.Engine.RecordingsPath, stream.Id + ".*"));
    }

    [Fact]
    public async Task A_recording_that_cannot_be_remuxed_is_kept_and_the_replay_says_its_video_failed()
    {
        var stream = await cluster.ScheduleAsync();
        using (var host = cluster.A.Authorized(await cluster.A.TokenAsync("mia")))
        {
            (await host.PostAsync($"/api/streams/{stream.Id}/start", null)).EnsureSuccessStatusCode();
            (await host.PostAsync($"/api/streams/{stream.Id}/end", null)).EnsureSuccessStatusCode();
        }

        // What the engine would report for a damaged file (a disk error, a killed engine).
        var flv = Path.Combine(cluster.Engine.RecordingsPath, stream.Id + ".flv");
        await File.WriteAllTextAsync(flv, "FLV? not really: the disk filled up");
        using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = stream.Id, ["path"] = flv, ["call"] = "record_done" }))
        {
            var done = await cluster.A.Http.PostAsync($"/api/video/engine/record-done?secret={VideoEngineProcess.Secret}", form);
            Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        }

        var header = await Eventually.WaitForAsync(() => HeaderAsync(cluster.B, stream.Id), h => h?.Video == ReplayVideoStatus.Failed, "the failed state", Patience);
        Assert.Null(header!.VideoUrl);
        var video = await cluster.B.Http.GetAsync($"/api/streams/{stream.Id}/replay/video");
        Assert.Equal(HttpStatusCode.NotFound, video.StatusCode);
        Assert.Contains(ErrorCodes.ReplayVideoFailed, await video.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Kept for an operator, with ffmpeg's reason beside it; nothing left to retry on its own.
        Assert.True(File.Exists(flv));
        Assert.False(string.IsNullOrWhiteSpace(await File.ReadAllTextAsync(Path.ChangeExtension(flv, ".failed"))));
        Assert.False(File.Exists(Path.ChangeExtension(flv, ".pending")));

        // Nothing else broke: the replay's events are served, and the stream reads as ended.
        Assert.Equal(StreamStatus.Ended, (await cluster.StreamAsync(stream.Id)).Status);
    }

    [Fact]
    public async Task A_recording_reported_under_another_streams_name_is_refused()
    {
        var stream = await cluster.ScheduleAsync();
        var other = await cluster.ScheduleAsync();
        var flv = Path.Combine(cluster.Engine.RecordingsPath, other.Id + ".flv");
        await File.WriteAllTextAsync(flv, "x");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = stream.Id, ["path"] = flv });
        var done = await cluster.A.Http.PostAsync($"/api/video/engine/record-done?secret={VideoEngineProcess.Secret}", form);
        Assert.Equal(HttpStatusCode.BadRequest, done.StatusCode);
        Assert.False(File.Exists(Path.Combine(cluster.Engine.RecordingsPath, stream.Id + ".pending")));
        File.Delete(flv);
    }

    /// <summary>The replay's first line (the stream, and its video as of now), or null while there is no replay.</summary>
    private static async Task<ReplayLine?> HeaderAsync(TestNode node, string streamId)
    {
        using var response = await node.Http.GetAsync($"/api/streams/{streamId}/replay");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var first = (await response.Content.ReadAsStringAsync()).Split('\n')[0];
        return JsonSerializer.Deserialize<ReplayLine>(first, LiveApi.Json);
    }
}
