using System.Globalization;
using System.Text.RegularExpressions;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using Microsoft.Extensions.Localization;

namespace LiveCommerce.Client.Features.Comments;

/// <summary>What a refused comment tells the viewer, by the server's stable code.</summary>
public static partial class CommentText
{
    /// <summary>
    /// A sentence for the refusal, in the viewer's language. Waits (slow mode, timeout, rate limit) add
    /// when to retry, read from the server's message, in our own words: the server's English sentence
    /// already names the reason, and shown after ours it said it twice ("Slow mode is on. Slow mode is on; …").
    /// A blocked word keeps the server's detail (which word).
    /// </summary>
    public static string Refusal(ApiException e, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(l);
        var wait = e.Code is ErrorCodes.RateLimited or ErrorCodes.SlowMode or ErrorCodes.TimedOut ? RetrySeconds(e.Message) : null;
        var (text, withDetail) = e.Code switch
        {
            ErrorCodes.RateLimited => (l["You're commenting too fast."].Value, false),
            ErrorCodes.SlowMode => (l["Slow mode is on."].Value, false),
            ErrorCodes.TimedOut => (l["You're timed out in this chat."].Value, false),
            ErrorCodes.Banned => (l["You can't comment in this stream."].Value, false),
            ErrorCodes.BlockedWord => (l["Your comment contains a word that isn't allowed here."].Value, true),
            ErrorCodes.CommentEmpty => (l["Write something first."].Value, false),
            ErrorCodes.CommentTooLong => (l["That's too long: 200 characters at most."].Value, false),
            ErrorCodes.StreamEnded => (l["Comments are closed: the stream has ended."].Value, false),
            ErrorCodes.Unavailable => (l["Not connected right now. Try again in a moment."].Value, false),
            ErrorCodes.SignInRequired => (l["Sign in to comment."].Value, false),
            _ => (e.Message, false),
        };
        if (wait is { } seconds)
        {
            return $"{text} {l["You can comment again in {0} s.", seconds.ToString(CultureInfo.CurrentCulture)].Value}";
        }

        return withDetail && !string.IsNullOrWhiteSpace(e.Message) && e.Message != text ? $"{text} {e.Message}" : text;
    }

    /// <summary>The seconds in "… again in 12 s." (the server's wording for every wait), or null.</summary>
    private static int? RetrySeconds(string message)
    {
        var match = RetryPattern().Match(message);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    [GeneratedRegex(@"in (\d{1,6}) s\b", RegexOptions.CultureInvariant | RegexOptions.RightToLeft)]
    private static partial Regex RetryPattern();
}
