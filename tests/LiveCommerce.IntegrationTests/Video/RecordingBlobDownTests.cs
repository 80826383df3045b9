using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Blobs;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Security;
using LiveCommerce.Server.Features.Replays;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using LiveCommerce.TestKit.Processes;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.IntegrationTests.Video;

/// <summary>
/// Blob storage is down when a stream ends and its recording is done: the recording stays on the
/// node's disk, each retry says so at Error with the stream id, and once storage is back the next round
/// stores it and only then deletes the local copies; the replay itself is archived on first request. The engine's callback is made here as the engine makes it (the
/// engine path itself is covered by <see cref="ReplayVideoTests"/>).
/// </summary>
public sealed class RecordingBlobDownTests
{
    [Fact]
    public async Task A_recording_done_while_blob_is_down_is_kept_logged_and_uploaded_when_storage_is_back()
    {
        var blobPort = RedisServer.FreePort(); // nothing listens here yet: storage is down
        var recordings = Directory.CreateTempSubdirectory("lc-recordings-").FullName;
        var container = AzuriteServer.UniqueContainer();
        var logs = new LogCapture();
        var settings = new Dictionary<string, string?>
        {
            ["Blob:ConnectionString"] = AzuriteServer.ConnectionStringFor(blobPort),
            ["Blob:Container"] = container,
            ["Video:Secret"] = VideoEngineProcess.Secret,
            // Never dialled: the test plays the engine's part.
            ["Video:Engine:RtmpUrl"] = "rtmp://127.0.0.1:9/live",
            ["Video:Engine:RecordingsPath"] = recordings,
            // Only the rounds this test drives (and the ones a callback wakes) run.
            ["Video:RecordingRetryInterval"] = "01:00:00",
        };
        await using var node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(), settings,
            logging: b => b.AddProvider(logs));
        AzuriteServer? azurite = null;
        try
        {
            using var host = node.Authorized(await node.TokenAsync("mia"));
            var stream = await LiveApi.ReadAsync<StreamDto>(await host.PostAsJsonAsync("/api/streams",
                new ScheduleStreamRequest("Blob down", "d", DateTimeOffset.UtcNow.AddMinutes(5), null, null), LiveApi.Json));
            (await host.PostAsync($"/api/streams/{stream.Id}/start", null)).EnsureSuccessStatusCode();
            (await host.PostAsync($"/api/streams/{stream.Id}/end", null)).EnsureSuccessStatusCode();

            var flv = Path.Combine(recordings, stream.Id + ".flv");
            File.Copy(Encoder.Clip, flv);
            using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = stream.Id, ["path"] = flv }))
            {
                Assert.Equal(HttpStatusCode.NoContent, (await node.Http.PostAsync($"/api/video/engine/record-done?secret={VideoEngineProcess.Secret}", form)).StatusCode);
            }

            var archiver = node.Get<ArchiveRecordings>();
            await archiver.RunOnceAsync(CancellationToken.None);
            await WaitUntilAsync(() => logs.Lines.Any(l => l.Level == LogLevel.Error && l.Text.Contains(stream.Id, StringComparison.Ordinal)
                && l.Category.EndsWith(nameof(ArchiveRecordings), StringComparison.Ordinal)), "an Error naming the stream");

            // Kept: the FLV, the marker that it is pending, and the remux waiting for upload.
            Assert.True(File.Exists(flv));
            Assert.True(File.Exists(Path.ChangeExtension(flv, ".pending")));
            Assert.True(File.Exists(Path.ChangeExtension(flv, ".mp4")));
            var down = await node.Http.GetAsync($"/api/streams/{stream.Id}/replay/video");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Contains(ErrorCodes.MediaUnavailable, await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // Storage comes back where the node points; the next round stores the video.
            azurite = await AzuriteServer.StartAsync(blobPort);
            var blob = new BlobContainerClient(azurite.ConnectionString, container).GetBlobClient($"replays/{stream.Id}.mp4");
            for (var round = 0; File.Exists(flv) && round < 100; round++)
            {
                // A round a callback woke may hold the recording for a moment: then a later one finds it done.
                await archiver.RunOnceAsync(CancellationToken.None);
                await Task.Delay(File.Exists(flv) ? 300 : 0);
            }

            Assert.True((await blob.ExistsAsync()).Value);
            using var video = await node.Http.GetAsync($"/api/streams/{stream.Id}/replay/video");
            Assert.Equal(HttpStatusCode.OK, video.StatusCode);
            var file = Path.Combine(recordings, "downloaded.mp4");
            await File.WriteAllBytesAsync(file, await video.Content.ReadAsByteArrayAsync());
            var (duration, _) = await MediaProbe.ProbeAsync(file);
            var (clip, _) = await MediaProbe.ProbeAsync(Encoder.Clip);
            Assert.True((duration - clip).Duration() <= TimeSpan.FromSeconds(1), $"{duration} vs the recorded {clip}");

            // The stream ended while storage was down, so its events were not archived then: the first
            // request archives them from the event log, and the replay names the video.
            using var replay = await node.Http.GetAsync($"/api/streams/{stream.Id}/replay");
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            var header = System.Text.Json.JsonSerializer.Deserialize<ReplayLine>((await replay.Content.ReadAsStringAsync()).Split('\n')[0], LiveApi.Json)!;
            Assert.Equal(ReplayVideoStatus.Ready, header.Video);
            Assert.Equal($"/api/streams/{stream.Id}/replay/video", header.VideoUrl);
            Assert.Equal(stream.Id, header.Stream?.Id);

            // Only now are the local copies gone.
            Assert.False(File.Exists(flv));
            Assert.False(File.Exists(Path.ChangeExtension(flv, ".pending")));
            Assert.False(File.Exists(Path.ChangeExtension(flv, ".mp4")));
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            Directory.Delete(recordings, recursive: true);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(100);
        }
    }
}
