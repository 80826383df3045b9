using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>A recent comment with the seq of the batch that published it, so a snapshot can show exactly what its seq covers.</summary>
public sealed record StoredComment(long Seq, CommentDto Comment);

/// <summary>Comments kept per stream: the last N for snapshots, the pinned announcement, the questions list. Redis or memory; both pass CommentStoreContract.</summary>
public interface ICommentStore
{
    /// <summary>Appends a published batch and trims the list to the newest <paramref name="keep"/>.</summary>
    Task AddRecentAsync(string streamId, long seq, IReadOnlyList<CommentDto> comments, int keep, CancellationToken ct = default);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<StoredComment>> RecentAsync(string streamId, CancellationToken ct = default);

    Task<CommentDto?> FindRecentAsync(string streamId, string commentId, CancellationToken ct = default);

    /// <summary>Removes the comment from the recent list and the questions list; returns it, or null when neither held it.</summary>
    Task<CommentDto?> RemoveAsync(string streamId, string commentId, CancellationToken ct = default);

    /// <summary>Adds to the questions list (kept to the newest <paramref name="keep"/>). False when it already was there.</summary>
    Task<bool> AddQuestionAsync(string streamId, CommentDto comment, int keep, CancellationToken ct = default);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<CommentDto>> QuestionsAsync(string streamId, CancellationToken ct = default);

    Task SetAnnouncementAsync(string streamId, CommentDto? announcement, CancellationToken ct = default);

    Task<CommentDto?> AnnouncementAsync(string streamId, CancellationToken ct = default);
}
