namespace LiveCommerce.Contracts;

/// <summary>
/// Stable error codes. Hub errors arrive as a HubException whose message starts with
/// <c>"&lt;code&gt;: "</c>; HTTP errors as ProblemDetails with an <c>code</c> extension.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string StreamNotFound = "stream_not_found";
    public const string InvalidTransition = "invalid_transition";
    public const string NotOwner = "not_owner";
    public const string Forbidden = "forbidden";
    public const string Unauthenticated = "unauthenticated";
    public const string InvalidLastSeq = "invalid_last_seq";
    public const string NotInStream = "not_in_stream";
    public const string UnknownUser = "unknown_user";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
    public const string CommentEmpty = "comment_empty";
    public const string CommentTooLong = "comment_too_long";
    public const string BlockedWord = "blocked_word";
    public const string SlowMode = "slow_mode";
    public const string TimedOut = "timed_out";
    public const string Banned = "banned";
    public const string CommentNotFound = "comment_not_found";
    public const string InvalidReaction = "invalid_reaction";
    public const string StreamEnded = "stream_ended";

    /// <summary>
    /// The code inside a hub error. SignalR clients see the server's HubException message as
    /// "An unexpected error occurred invoking 'X' on the server. HubException: code: message".
    /// </summary>
    public static string? FromHubError(string message)
    {
        const string marker = "HubException: ";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        start = start < 0 ? 0 : start + marker.Length;
        var end = message.IndexOf(':', start);
        return end > start ? message[start..end] : null;
    }
}
