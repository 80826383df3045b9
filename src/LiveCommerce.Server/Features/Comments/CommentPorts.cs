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

public enum AdmissionResult
{
    Accepted,
    Banned,
    TimedOut,
    SlowMode,
    RateLimited,
}

/// <summary>The answer to "may this viewer comment now?"; <see cref="RetryAfter"/> for timeouts, slow mode and rate limits.</summary>
public readonly record struct Admission(AdmissionResult Result, TimeSpan RetryAfter);

/// <summary>The limits one comment is checked against. Staff (host, moderators) skip slow mode and the rate limit.</summary>
public readonly record struct AdmissionRules(int RateLimit, TimeSpan RateWindow, bool IsHost);

public enum BlockedWordScope
{
    Stream,
    Brand,
}

/// <summary>
/// Moderation state shared by every node: per-viewer rate limit and slow mode, timeouts, bans,
/// moderators, blocked words. Keyed by user id, never connection, so many tabs share one budget.
/// Redis or memory; both pass ModerationStoreContract.
/// </summary>
public interface IModerationStore
{
    /// <summary>
    /// Atomically: refuses a banned or timed-out viewer; otherwise (unless staff) checks slow mode and
    /// the sliding-window rate limit and, when accepted, records the comment against both.
    /// </summary>
    Task<Admission> AdmitAsync(string streamId, string userId, AdmissionRules rules, CancellationToken ct = default);

    Task SetSlowModeAsync(string streamId, int seconds, CancellationToken ct = default);

    Task<int> SlowModeAsync(string streamId, CancellationToken ct = default);

    Task TimeoutAsync(string streamId, string userId, TimeSpan duration, CancellationToken ct = default);

    Task BanAsync(string streamId, string userId, CancellationToken ct = default);

    /// <summary>Lifts a ban and a timeout.</summary>
    Task LiftAsync(string streamId, string userId, CancellationToken ct = default);

    Task<bool> SetModeratorAsync(string streamId, string userId, bool isModerator, CancellationToken ct = default);

    Task<bool> IsModeratorAsync(string streamId, string userId, CancellationToken ct = default);

    Task<IReadOnlyList<string>> ModeratorsAsync(string streamId, CancellationToken ct = default);

    Task SetBlockedWordsAsync(BlockedWordScope scope, string id, IReadOnlyList<string> words, CancellationToken ct = default);

    Task<IReadOnlyList<string>> BlockedWordsAsync(BlockedWordScope scope, string id, CancellationToken ct = default);

    Task SetStreamBrandsAsync(string streamId, IReadOnlyList<string> brandIds, CancellationToken ct = default);

    Task<IReadOnlyList<string>> StreamBrandsAsync(string streamId, CancellationToken ct = default);
}

/// <summary>
/// Reaction taps summed across nodes. Each node adds what it counted in a window; one node per
/// window claims the sum and pushes it. Redis or memory; both pass ReactionTallyContract.
/// </summary>
public interface IReactionTally
{
    /// <summary>Adds counts, indexed like <see cref="ReactionKinds.All"/>.</summary>
    Task AddAsync(string streamId, IReadOnlyList<int> counts, CancellationToken ct = default);

    /// <summary>
    /// Takes everything added so far, at most once per <paramref name="window"/> cluster-wide. Null
    /// when another claim holds the window (try later); all zeros when nothing is pending.
    /// </summary>
    Task<int[]?> ClaimAsync(string streamId, TimeSpan window, CancellationToken ct = default);
}

/// <summary>Collects accepted comments and publishes them as one sequenced batch per stream per window (Realtime/CommentBatcher).</summary>
public interface ICommentBatcher
{
    void Enqueue(string streamId, CommentDto comment);
}

/// <summary>Counts taps on this node for the current window (Realtime/ReactionTallier). False when the viewer taps too fast.</summary>
public interface IReactionCounter
{
    bool TryAdd(string streamId, string userId, int kindIndex);
}

/// <summary>What other features call to put a moment into a stream's comments.</summary>
public interface ICommentFeed
{
    /// <summary>"Ana from BR just bought Glow Serum", shown in the comment stream as a <see cref="CommentKind.Purchase"/> comment.</summary>
    Task<CommentDto> AddPurchaseMomentAsync(string streamId, string buyerName, string country, string productTitle, CancellationToken ct = default);
}
