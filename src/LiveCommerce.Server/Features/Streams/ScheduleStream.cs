using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

public sealed record ScheduleStream(Actor Actor, ScheduleStreamRequest Request) : ICommand<StreamDto>, IValidated
{
    public void Validate(Validator v) =>
        StreamRules.ValidateDetails(v, Request.Title, Request.Description, Request.CoverImageUrl, Request.PlaybackUrl);
}

public sealed class ScheduleStreamHandler(IStreamStore streams) : ICommandHandler<ScheduleStream, StreamDto>
{
    public async ValueTask<StreamDto> Handle(ScheduleStream command, CancellationToken ct)
    {
        if (command.Actor.Role is not (Roles.Host or Roles.Admin))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only hosts schedule streams.");
        }

        var r = command.Request;
        var stream = new LiveStream(
            Id: "s-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            HostId: command.Actor.UserId,
            HostName: command.Actor.DisplayName,
            Title: TextRules.Clean(r.Title),
            Description: TextRules.Clean(r.Description ?? ""),
            ScheduledStart: r.ScheduledStart,
            CoverImageUrl: r.CoverImageUrl,
            PlaybackUrl: r.PlaybackUrl);
        await streams.TryCreateAsync(stream, ct);
        return stream.ToDto(0);
    }
}

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
