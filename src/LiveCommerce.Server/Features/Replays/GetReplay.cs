using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Replays;

/// <summary>The archived replay of an ended stream (gzip JSON lines), opened for streaming, with its video's status now.</summary>
public sealed record GetReplay(string StreamId) : IQuery<ReplayArchive>;

/// <param name="Archive">The stored archive (gzip); the caller disposes it.</param>
/// <param name="VideoUrl">Set when <paramref name="Video"/> is <see cref="ReplayVideoStatus.Ready"/>.</param>
public sealed record ReplayArchive(MediaObject Archive, ReplayVideoStatus Video, string? VideoUrl);

public sealed class GetReplayHandler(IStreamStore streams, IMediaStore media, ReplayVideos videos, ArchiveReplay archiver) : IQueryHandler<GetReplay, ReplayArchive>
{
    public async ValueTask<ReplayArchive> Handle(GetReplay query, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(query.StreamId, ct);
        var archive = await media.OpenAsync(ArchiveReplay.BlobName(stream.Id), ct);
        if (archive is null && stream.Status == StreamStatus.Ended)
        {
            // It ended while storage was down (its recording waited on disk meanwhile): archive it now
            // from the event log, which still holds its last Realtime:EventLogLength events.
            await archiver.ArchiveAsync(stream, ct);
            archive = await media.OpenAsync(ArchiveReplay.BlobName(stream.Id), ct);
        }

        archive = archive
            ?? throw AppException.NotFound(ErrorCodes.ReplayNotFound, stream.Status == StreamStatus.Ended
                ? "This stream's replay is not available."
                : "A replay is archived when the stream ends.");
        try
        {
            var (status, video) = await videos.FindAsync(stream, ct);
            video?.Dispose(); // only whether it is there matters here
            return new ReplayArchive(archive, status, status == ReplayVideoStatus.Ready ? ReplayVideos.Url(stream.Id) : null);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }
}
