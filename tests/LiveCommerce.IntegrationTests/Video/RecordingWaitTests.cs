using System.Globalization;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Replays;
using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.TestKit.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveCommerce.IntegrationTests.Video;

/// <summary>
/// When a recording is not archived yet: while its stream may still come back (live or reconnecting),
/// and while an encoder is still appending to it after the engine last reported it done; and when it
/// is anyway: once the file has been left unchanged for <see cref="VideoOptions.RecordingSettle"/>
/// (an engine that died without reporting). In-process stores, real ffmpeg, real files.
/// </summary>
public sealed class RecordingWaitTests : IDisposable
{
    private readonly string _recordings = Directory.CreateTempSubdirectory("lc-recordings-").FullName;
    private readonly string _media = Directory.CreateTempSubdirectory("lc-media-").FullName;

    [Fact]
    public async Task A_recording_waits_for_the_end_and_for_its_encoder_then_is_archived_once_settled()
    {
        var streams = new LocalStreamStore();
        var media = new LocalMediaStore(_media, 1024 * 1024);
        var now = DateTimeOffset.UtcNow;
        var stream = new LiveStream("s-rec1", "u-host-mia", "Mia", "Rec", "", now, null, "/hls/s-rec1.m3u8");
        Assert.True(await streams.TryCreateAsync(stream));
        await streams.TryTransitionAsync(stream.Id, StreamStatus.Upcoming, StreamStatus.Live, now);

        var folder = new RecordingFolder(_recordings);
        var flv = folder.Flv(stream.Id);
        File.Copy(Encoder.Clip, flv);
        File.SetLastWriteTimeUtc(flv, DateTime.UtcNow); // just appended to (a copy keeps the clip's own time)
        // Reported done when it was smaller: an encoder came back and appended since.
        folder.MarkPending(stream.Id, new FileInfo(flv).Length - 1000);

        var clock = new ShiftedClock();
        var options = Options.Create(new VideoOptions { Engine = { RecordingsPath = _recordings }, RecordingSettle = TimeSpan.FromMinutes(2) });
        var archiver = new ArchiveRecordings(streams, media, options, clock, NullLogger<ArchiveRecordings>.Instance);

        // Live: the encoder may come back and append; nothing happens.
        await archiver.RunOnceAsync(CancellationToken.None);
        Assert.False(File.Exists(folder.Mp4(stream.Id)));

        // Ended, but the file grew after the report and is fresh: the encoder is still being dropped.
        await streams.TryTransitionAsync(stream.Id, StreamStatus.Live, StreamStatus.Ended, now);
        await archiver.RunOnceAsync(CancellationToken.None);
        Assert.True(File.Exists(flv));
        Assert.Null(await media.OpenAsync(ReplayVideos.VideoName(stream.Id)));

        // Unchanged for longer than the settle time (no report is coming): archived anyway.
        clock.Shift = TimeSpan.FromMinutes(3);
        await archiver.RunOnceAsync(CancellationToken.None);
        using var video = await media.OpenAsync(ReplayVideos.VideoName(stream.Id));
        Assert.NotNull(video);
        Assert.Equal("video/mp4", video.ContentType);
        Assert.Empty(Directory.EnumerateFiles(_recordings));
    }

    [Fact]
    public void A_marker_holds_the_length_reported_and_an_empty_one_holds_none()
    {
        var folder = new RecordingFolder(_recordings);
        folder.MarkPending("s-rec2", 12345);
        Assert.Equal(12345, RecordingFolder.ReadLength(File.ReadAllText(folder.Pending("s-rec2"))));
        Assert.Null(RecordingFolder.ReadLength(""));
        Assert.Equal(["s-rec2"], folder.PendingStreams());
        Assert.Throws<ArgumentException>(() => folder.Flv("../etc/passwd"));
        Assert.Throws<ArgumentException>(() => folder.Pending("a/b"));
        Assert.Equal(12345.ToString(CultureInfo.InvariantCulture), File.ReadAllText(folder.Pending("s-rec2")));
    }

    public void Dispose()
    {
        Directory.Delete(_recordings, recursive: true);
        Directory.Delete(_media, recursive: true);
    }

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
