using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
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
    public async Task<Func<StreamSnapshot, StreamSnapshot>> ReadAsync(StreamSnapshot snapshot, CancellationToken ct)
    {
        var id = snapshot.Stream.Id;
        // Three independent reads, sent together (one round trip of latency on a join, not three).
        var recentRead = comments.RecentAsync(id, ct);
        var announcementRead = comments.AnnouncementAsync(id, ct);
        var slowModeRead = moderation.SlowModeAsync(id, ct);
        await Task.WhenAll(recentRead, announcementRead, slowModeRead);
        var shown = (await recentRead).Where(c => c.Seq <= snapshot.Seq).OrderBy(c => c.Seq).TakeLast(options.Value.RecentCount).Select(c => c.Comment).ToList();
        var announcement = await announcementRead;
        var slowMode = await slowModeRead;
        return s => s with { Comments = shown, Announcement = announcement, SlowModeSeconds = slowMode };
    }
}
