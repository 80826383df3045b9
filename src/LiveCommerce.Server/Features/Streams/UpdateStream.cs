using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// The host edits the stream's details. Before it starts, everything; while live, what viewers see
/// (title, description, cover, language, categories; the start time stays what it was); once ended or
/// cancelled, nothing.
/// </summary>
public sealed record UpdateStream(Actor Actor, string StreamId, ScheduleStreamRequest Request) : ICommand<StreamDto>, IValidated
{
    public void Validate(Validator v) => StreamRules.ValidateDetails(v, Request);
}

public sealed class UpdateStreamHandler(IStreamStore streams, IViewerPresence viewers, ILiveEvents events, IVideoEngine video, TimeProvider clock)
    : ICommandHandler<UpdateStream, StreamDto>
{
    public async ValueTask<StreamDto> Handle(UpdateStream command, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        if (stream.Status is StreamStatus.Ended or StreamStatus.Cancelled)
        {
            throw AppException.Conflict(ErrorCodes.InvalidTransition, "An ended or cancelled stream can no longer be edited.");
        }

        var r = command.Request;
        var start = stream.Status == StreamStatus.Upcoming ? r.ScheduledStart : stream.ScheduledStart;
        if (start != stream.ScheduledStart)
        {
            // Only a move is checked: a late host may still fix the title of a stream whose time has passed.
            StreamRules.RequireFuture(start, clock.GetUtcNow());
        }

        var updated = stream with
        {
            Title = TextRules.Clean(r.Title),
            Description = TextRules.Clean(r.Description ?? ""),
            ScheduledStart = start,
            CoverImageUrl = r.CoverImageUrl,
            PlaybackUrl = r.PlaybackUrl ?? video.PlaybackUrl(stream.Id),
            Language = StreamRules.CleanLanguage(r.Language),
            Categories = StreamRules.CleanCategories(r.Categories),
        };
        await streams.UpdateDetailsAsync(updated, ct);
        var dto = updated.ToDto(await viewers.CountAsync(stream.Id, ct));
        await events.PublishAsync(new StreamUpdated { StreamId = stream.Id, Stream = dto }, ct);
        return dto;
    }
}
