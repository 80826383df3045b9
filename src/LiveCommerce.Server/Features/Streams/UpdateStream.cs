using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

public sealed record UpdateStream(Actor Actor, string StreamId, ScheduleStreamRequest Request) : ICommand<StreamDto>, IValidated
{
    public void Validate(Validator v) =>
        StreamRules.ValidateDetails(v, Request.Title, Request.Description, Request.CoverImageUrl, Request.PlaybackUrl);
}

public sealed class UpdateStreamHandler(IStreamStore streams, IViewerPresence viewers, ILiveEvents events, IVideoEngine video)
    : ICommandHandler<UpdateStream, StreamDto>
{
    public async ValueTask<StreamDto> Handle(UpdateStream command, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        if (stream.Status == StreamStatus.Ended)
        {
            throw AppException.Conflict(ErrorCodes.InvalidTransition, "An ended stream can no longer be edited.");
        }

        var r = command.Request;
        var updated = stream with
        {
            Title = TextRules.Clean(r.Title),
            Description = TextRules.Clean(r.Description ?? ""),
            ScheduledStart = r.ScheduledStart,
            CoverImageUrl = r.CoverImageUrl,
            PlaybackUrl = r.PlaybackUrl ?? video.PlaybackUrl(stream.Id),
        };
        await streams.UpdateDetailsAsync(updated, ct);
        var dto = updated.ToDto(await viewers.CountAsync(stream.Id, ct));
        await events.PublishAsync(new StreamUpdated { StreamId = stream.Id, Stream = dto }, ct);
        return dto;
    }
}
