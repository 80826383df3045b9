using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Replays;

/// <summary>
/// When a stream ends, its event log becomes a shoppable replay: gzip JSON lines in media storage
/// at <c>replays/{streamId}.jsonl.gz</c>, each live event with its offset from the stream's start,
/// so a player can show each pin at the right moment of the recording.
/// </summary>
public sealed partial class ArchiveReplay(
    IStreamEventLog log, IMediaStore media, IViewerPresence viewers, IOptions<RealtimeOptions> options, ILogger<ArchiveReplay> logger)
    : INotificationHandler<StreamEndedNotification>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string BlobName(string streamId) => $"replays/{streamId}.jsonl.gz";

    public async ValueTask Handle(StreamEndedNotification notification, CancellationToken ct)
    {
        var stream = notification.Stream;
        try
        {
            await ArchiveAsync(stream, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The stream has ended either way; a missing replay is reported, not a failed end. The
            // first request for it after storage is back archives it from the log (GetReplay).
            LogArchiveFailed(logger, stream.Id, e);
        }
    }

    /// <summary>Writes the replay archive from the stream's event log; throws when storage refuses it.</summary>
    public async Task ArchiveAsync(LiveStream stream, CancellationToken ct)
    {
        var events = await ReadLogAsync(stream.Id, ct);
        var bytes = Write(stream.ToDto(await viewers.CountAsync(stream.Id, ct)), events);
        await media.SaveAsync(BlobName(stream.Id), bytes, "application/gzip", ct);
    }

    /// <summary>The whole log when it still holds everything, otherwise its retained tail.</summary>
    private async Task<IReadOnlyList<LiveEvent>> ReadLogAsync(string streamId, CancellationToken ct)
    {
        var length = options.Value.EventLogLength;
        var current = await log.CurrentSeqAsync(streamId, ct);
        return await log.ReadAfterAsync(streamId, 0, length, ct)
            ?? await log.ReadAfterAsync(streamId, Math.Max(0, current - length), length, ct)
            ?? [];
    }

    public static byte[] Write(StreamDto stream, IReadOnlyList<LiveEvent> events)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            WriteLine(gzip, new ReplayLine("replay", 0, 0, stream, null));
            var start = stream.StartedAt ?? stream.ScheduledStart;
            long lastOffset = 0;
            foreach (var e in events)
            {
                // Events without a time keep the previous one's place in the timeline.
                var offset = e.At == default ? lastOffset : Math.Max(0, (long)(e.At - start).TotalMilliseconds);
                lastOffset = offset;
                WriteLine(gzip, new ReplayLine(e.GetType().Name, offset, e.Seq, null, JsonSerializer.SerializeToElement(e, e.GetType(), Json)));
            }
        }

        return buffer.ToArray();
    }

    private static void WriteLine(Stream output, ReplayLine line)
    {
        output.Write(JsonSerializer.SerializeToUtf8Bytes(line, Json));
        output.WriteByte((byte)'\n');
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not archive the replay of stream {StreamId}; it is archived from the event log when first asked for")]
    private static partial void LogArchiveFailed(ILogger logger, string streamId, Exception exception);
}
