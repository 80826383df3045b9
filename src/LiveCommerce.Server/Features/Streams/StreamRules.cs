using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>Shape rules shared by scheduling and editing a stream.</summary>
public static class StreamRules
{
    public const int MaxTitle = 120;
    public const int MaxDescription = 2000;

    public static void ValidateDetails(Validator v, string? title, string? description, string? coverUrl, string? playbackUrl) =>
        v.Text("title", title, MaxTitle)
         .Text("description", description, MaxDescription, required: false)
         .Url("coverImageUrl", coverUrl)
         .Url("playbackUrl", playbackUrl);

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
