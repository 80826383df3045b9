using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Replays;

/// <summary>The recording of an ended stream as MP4, opened seekable so players can ask for ranges.</summary>
public sealed record GetReplayVideo(string StreamId) : IQuery<MediaObject>;

public sealed class GetReplayVideoHandler(IStreamStore streams, ReplayVideos videos) : IQueryHandler<GetReplayVideo, MediaObject>
{
    public async ValueTask<MediaObject> Handle(GetReplayVideo query, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(query.StreamId, ct);
        var (status, video) = await videos.FindAsync(stream, ct);
        return status switch
        {
            ReplayVideoStatus.Ready => video!,
            ReplayVideoStatus.Pending when stream.Status != StreamStatus.Ended =>
                throw AppException.NotFound(ErrorCodes.ReplayVideoPending, "The recording becomes the replay video when the stream ends."),
            ReplayVideoStatus.Pending =>
                throw AppException.NotFound(ErrorCodes.ReplayVideoPending, "The replay video is being prepared; try again shortly."),
            ReplayVideoStatus.Failed =>
                throw AppException.NotFound(ErrorCodes.ReplayVideoFailed, "This stream's recording could not be made into a replay video."),
            _ => throw AppException.NotFound(ErrorCodes.ReplayNotFound, "This stream was not recorded."),
        };
    }
}
