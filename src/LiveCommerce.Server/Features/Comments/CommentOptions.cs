using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Features.Comments;

public sealed class CommentOptions
{
    public const string Section = "Comments";

    /// <summary>Comments per viewer per stream in <see cref="RateWindow"/> (YouTube allows 11 per 30 s; we allow 10).</summary>
    [Range(1, 1000)]
    public int RateLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long accepted comments wait to go out together.</summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "00:00:02")]
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>At most this many comments in one CommentsAdded; a busier window sends several.</summary>
    [Range(1, 1000)]
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Comments kept per stream for the join snapshot.</summary>
    [Range(1, 1000)]
    public int RecentCount { get; set; } = 50;

    [Range(1, 10_000)]
    public int QuestionsKept { get; set; } = 200;

    /// <summary>Reaction taps counted per viewer per second on one node; more are refused.</summary>
    [Range(1, 1000)]
    public int ReactionsPerSecond { get; set; } = 20;

    /// <summary>How long a node reuses a stream's blocked-word list before reading it again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BlockedWordsCache { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Limits shared by handlers and docs.</summary>
public static class CommentLimits
{
    public const int MaxSlowModeSeconds = 3600;
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);
    public const int MaxBlockedWords = 500;
    public const int MaxBlockedWordLength = 50;
    public const int MaxModerators = 100;
}
