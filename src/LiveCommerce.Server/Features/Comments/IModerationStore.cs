namespace LiveCommerce.Server.Features.Comments;

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

    /// <summary>The ids banned from the stream's chat, in id order.</summary>
    Task<IReadOnlyList<string>> BansAsync(string streamId, CancellationToken ct = default);

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
