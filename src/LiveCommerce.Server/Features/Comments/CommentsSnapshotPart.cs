using LiveCommerce.Contracts;
using LiveCommerce.Server.Realtime;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>
/// Recent comments, the pinned announcement and slow mode for the join snapshot. Only comments
/// whose batch seq is covered by the snapshot's seq are included: later batches reach the
/// viewer live, so none shows twice.
/// </summary>
public sealed class CommentsSnapshotPart(ICommentStore comments, IModerationStore moderation) : ISnapshotPart
{
    public async Task<StreamSnapshot> AddToAsync(StreamSnapshot snapshot, CancellationToken ct)
    {
        var id = snapshot.Stream.Id;
        var recent = await comments.RecentAsync(id, ct);
        return snapshot with
        {
            Comments = recent.Where(c => c.Seq <= snapshot.Seq).Select(c => c.Comment).ToList(),
            Announcement = await comments.AnnouncementAsync(id, ct),
            SlowModeSeconds = await moderation.SlowModeAsync(id, ct),
        };
    }
}
