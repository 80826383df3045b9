using LiveCommerce.Contracts;
using LiveCommerce.Server.Realtime;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>
/// Recent comments, the pinned announcement and slow mode for the join snapshot. Only comments
/// whose batch seq is covered by the snapshot's seq are included: later batches reach the
/// viewer live, so none shows twice. Two nodes may store their batches out of seq order, so the
/// list keeps twice as many as shown and the snapshot orders by seq before taking the newest.
/// </summary>
public sealed class CommentsSnapshotPart(ICommentStore comments, IModerationStore moderation, IOptions<CommentOptions> options) : ISnapshotPart
{
    public async Task<StreamSnapshot> AddToAsync(StreamSnapshot snapshot, CancellationToken ct)
    {
        var id = snapshot.Stream.Id;
        var recent = await comments.RecentAsync(id, ct);
        return snapshot with
        {
            Comments = recent.Where(c => c.Seq <= snapshot.Seq).OrderBy(c => c.Seq).TakeLast(options.Value.RecentCount).Select(c => c.Comment).ToList(),
            Announcement = await comments.AnnouncementAsync(id, ct),
            SlowModeSeconds = await moderation.SlowModeAsync(id, ct),
        };
    }
}
