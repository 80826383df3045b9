using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using Microsoft.Extensions.Localization;

namespace LiveCommerce.Client.Features.Comments;

/// <summary>What a refused comment tells the viewer, by the server's stable code.</summary>
public static class CommentText
{
    /// <summary>
    /// A sentence for the refusal. Codes whose server message carries a detail the viewer needs
    /// (when to retry, which word) keep it.
    /// </summary>
    public static string Refusal(ApiException e, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(l);
        var (text, withDetail) = e.Code switch
        {
            ErrorCodes.RateLimited => (l["You're commenting too fast."].Value, true),
            ErrorCodes.SlowMode => (l["Slow mode is on."].Value, true),
            ErrorCodes.TimedOut => (l["You're timed out in this chat."].Value, true),
            ErrorCodes.Banned => (l["You can't comment in this stream."].Value, false),
            ErrorCodes.BlockedWord => (l["Your comment contains a word that isn't allowed here."].Value, true),
            ErrorCodes.CommentEmpty => (l["Write something first."].Value, false),
            ErrorCodes.CommentTooLong => (l["That's too long: 200 characters at most."].Value, false),
            ErrorCodes.StreamEnded => (l["Comments are closed: the stream has ended."].Value, false),
            ErrorCodes.Unavailable => (l["Not connected right now. Try again in a moment."].Value, false),
            ErrorCodes.SignInRequired => (l["Sign in to comment."].Value, false),
            _ => (e.Message, false),
        };
        return withDetail && !string.IsNullOrWhiteSpace(e.Message) && e.Message != text ? $"{text} {e.Message}" : text;
    }
}
