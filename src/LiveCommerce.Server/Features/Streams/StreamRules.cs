using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>Shape rules shared by scheduling and editing a stream.</summary>
public static class StreamRules
{
    public const int MaxTitle = 120;
    public const int MaxDescription = 2000;

    public const int MaxCategories = 5;
    public const int MaxCategory = 32;

    /// <summary>A start this far behind the server's clock still counts as "now" (a browser's clock drifts).</summary>
    public static readonly TimeSpan PastGrace = TimeSpan.FromMinutes(5);

    public static void ValidateDetails(Validator v, ScheduleStreamRequest r)
    {
        v.Text("title", r.Title, MaxTitle)
         .Text("description", r.Description, MaxDescription, required: false)
         .Url("coverImageUrl", r.CoverImageUrl)
         .Url("playbackUrl", r.PlaybackUrl)
         .Require(r.Language is null || IsLanguage(r.Language), "language must be a language tag such as en, es or pt-BR.", "language");
        var categories = r.Categories ?? [];
        v.Require(categories.Count <= MaxCategories, $"At most {MaxCategories} categories.", "categories");
        foreach (var c in categories)
        {
            v.Text("categories", c, MaxCategory, required: false);
        }
    }

    /// <summary>Refuses a start already past (beyond <see cref="PastGrace"/>), next to the field.</summary>
    public static void RequireFuture(DateTimeOffset start, DateTimeOffset now)
    {
        if (start < now - PastGrace)
        {
            throw AppException.ForField(ErrorCodes.StartsInPast, "scheduledStart", "The start time is in the past; pick a time from now on.");
        }
    }

    /// <summary>Trimmed, lower case, without repeats, in the order given.</summary>
    public static IReadOnlyList<string> CleanCategories(IReadOnlyList<string>? categories) =>
        [.. (categories ?? []).Select(c => TextRules.Clean(c).ToLowerInvariant()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)];

    public static string? CleanLanguage(string? language) => string.IsNullOrWhiteSpace(language) ? null : language.Trim();

    // "en", "es", "zh-Hans", "pt-BR": a primary subtag and at most two more.
    private static bool IsLanguage(string value)
    {
        var parts = value.Trim().Split('-');
        return value.Length <= 16 && parts.Length <= 3
            && parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(p => p.Length is >= 2 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }

    /// <summary>Loads the stream and checks the actor may change it, or refuses with a stable code.</summary>
    public static async Task<LiveStream> GetOwnedAsync(this IStreamStore streams, string streamId, Actor actor, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(streamId, ct);
        return stream.IsOwnedBy(actor)
            ? stream
            : throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the stream's host can change it.");
    }

    public static async Task<LiveStream> GetRequiredAsync(this IStreamStore streams, string streamId, CancellationToken ct) =>
        (TextRules.IsId(streamId) ? await streams.GetAsync(streamId, ct) : null)
        ?? throw AppException.NotFound(ErrorCodes.StreamNotFound, $"No stream '{Shorten(streamId)}'.");

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";
}
