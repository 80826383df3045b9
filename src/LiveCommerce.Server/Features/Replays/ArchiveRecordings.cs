using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Streams;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Replays;

/// <summary>
/// Turns each ended stream's recording into its replay video: remux (stream copy) to MP4, upload to
/// media storage as <c>replays/{id}.mp4</c>, and only then delete the local FLV and MP4. Works from
/// the <c>.pending</c> markers in the recordings folder (see <see cref="RecordingFolder"/>), so what
/// fails (Blob down, a node restart) is retried on the next round, logged at Error with the stream id
/// each time, and never lost silently. Runs on each node that sees the folder, every
/// <see cref="VideoOptions.RecordingRetryInterval"/> and at once when woken (a recording reported
/// done, a stream ended); a lock on the marker lets one node at a time work on a recording.
/// </summary>
public sealed partial class ArchiveRecordings(
    IStreamStore streams, IMediaStore media, IOptions<VideoOptions> options, TimeProvider clock, ILogger<ArchiveRecordings> logger)
    : PeriodicWork(clock, logger)
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override TimeSpan Interval => options.Value.RecordingRetryInterval;

    /// <summary>Runs a round now (or right after the one under way), instead of at the next interval.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A round is already due.
        }
    }

    /// <summary>The base loop, plus <see cref="Wake"/>: a replay should not wait a whole interval for its video.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                var woken = _wake.WaitAsync(round.Token);
                await Task.WhenAny(woken, Task.Delay(Interval, Clock, round.Token));
                await round.CancelAsync();
                try
                {
                    await woken; // a wake that lost the race is consumed by this round, not lost
                }
                catch (OperationCanceledException)
                {
                }
            }

            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(Logger, e);
            }
        }
    }

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Engine.RecordingsPath))
        {
            return;
        }

        var folder = new RecordingFolder(options.Value.Engine.RecordingsPath);
        foreach (var streamId in folder.PendingStreams())
        {
            try
            {
                await ArchiveAsync(folder, streamId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Blob down (503 media_unavailable), ffmpeg missing, a full disk: everything stays as it is for the next round.
                LogStillPending(Logger, streamId, folder.Flv(streamId), e.Message, e);
            }
        }
    }

    private async Task ArchiveAsync(RecordingFolder folder, string streamId, CancellationToken ct)
    {
        var markerPath = folder.Pending(streamId);
        FileStream marker;
        try
        {
            // Exclusive (an flock on Linux): another node, or this node's previous round, has it.
            marker = new FileStream(markerPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return;
        }

        await using (marker)
        {
            if (!File.Exists(markerPath))
            {
                return; // archived by whoever held it before us
            }

            using var reader = new StreamReader(marker, leaveOpen: true);
            var reportedBytes = RecordingFolder.ReadLength(await reader.ReadToEndAsync(ct));
            var stream = await streams.GetAsync(streamId, ct);
            if (stream is null)
            {
                LogNoSuchStream(Logger, streamId, folder.Flv(streamId));
                return;
            }

            // A live (or reconnecting) stream's encoder may come back and append: wait for the end.
            if (stream.Status != StreamStatus.Ended)
            {
                return;
            }

            var flv = folder.Flv(streamId);
            var mp4 = folder.Mp4(streamId);
            if (File.Exists(folder.Failed(streamId)))
            {
                // Remuxed and failed before: the replay must say so, even if storage was down then.
                await media.SaveAsync(ReplayVideos.FailedName(streamId), "The recording could not be remuxed to MP4."u8.ToArray(), "text/plain; charset=utf-8", ct);
                File.Delete(markerPath);
                return;
            }

            var remuxedBytes = File.Exists(flv) ? new FileInfo(flv).Length : (long?)null;
            if (File.Exists(flv))
            {
                var info = new FileInfo(flv);
                if (reportedBytes is { } reported && info.Length != reported
                    && Clock.GetUtcNow() - new DateTimeOffset(info.LastWriteTimeUtc) < options.Value.RecordingSettle)
                {
                    return; // an encoder is still appending; the engine reports it done when it drops
                }

                if (!File.Exists(mp4) || File.GetLastWriteTimeUtc(mp4) < info.LastWriteTimeUtc)
                {
                    var errors = await Remuxer.RemuxAsync(options.Value.FfmpegPath, flv, mp4, ct);
                    if (errors is not null)
                    {
                        await File.WriteAllTextAsync(folder.Failed(streamId), errors + Environment.NewLine, ct);
                        LogRemuxFailed(Logger, streamId, flv, errors);
                        await media.SaveAsync(ReplayVideos.FailedName(streamId), "The recording could not be remuxed to MP4."u8.ToArray(), "text/plain; charset=utf-8", ct);
                        File.Delete(markerPath);
                        return;
                    }
                }
            }
            else if (!File.Exists(mp4))
            {
                LogRecordingMissing(Logger, streamId, flv);
                File.Delete(markerPath);
                return;
            }

            var bytes = new FileInfo(mp4).Length;
            await using (var file = new FileStream(mp4, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            {
                await media.SaveFileAsync(ReplayVideos.VideoName(streamId), file, "video/mp4", ct);
            }

            // An operator retried a failed remux and it worked: the replay stops saying "failed".
            await media.DeleteAsync(ReplayVideos.FailedName(streamId), ct);

            // Stored: the local copies can go, unless the FLV grew meanwhile (then the next round stores it again, whole).
            if (File.Exists(flv) && new FileInfo(flv).Length != remuxedBytes)
            {
                return;
            }

            File.Delete(flv);
            File.Delete(mp4);
            File.Delete(markerPath);
            LogArchived(Logger, streamId, bytes);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The recording of stream {StreamId} is not the replay video yet; it is kept at {Path} and retried: {Reason}")]
    private static partial void LogStillPending(ILogger logger, string streamId, string path, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not remux the recording of stream {StreamId}; the FLV is kept at {Path} (the replay says video: Failed): {Errors}")]
    private static partial void LogRemuxFailed(ILogger logger, string streamId, string path, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "The recording of stream {StreamId} is gone from {Path}: the replay has no video")]
    private static partial void LogRecordingMissing(ILogger logger, string streamId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A recording waits for stream {StreamId}, which does not exist; it is left at {Path}")]
    private static partial void LogNoSuchStream(ILogger logger, string streamId, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "The recording of stream {StreamId} is its replay video ({Bytes} bytes)")]
    private static partial void LogArchived(ILogger logger, string streamId, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A recordings round failed; the next one retries")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
