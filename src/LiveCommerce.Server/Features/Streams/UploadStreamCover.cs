using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Media;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>The host uploads the stream's cover: checked by content, stored in Blob under a generated name.</summary>
public sealed record UploadStreamCover(Actor Actor, string StreamId, Stream Content) : ICommand<StreamDto>;

public sealed class UploadStreamCoverHandler(IStreamStore streams, IMediaStore media, IViewerPresence viewers, ILiveEvents events)
    : ICommandHandler<UploadStreamCover, StreamDto>
{
    public async ValueTask<StreamDto> Handle(UploadStreamCover command, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        if (stream.Status is StreamStatus.Ended or StreamStatus.Cancelled)
        {
            throw AppException.Conflict(ErrorCodes.InvalidTransition, "An ended or cancelled stream can no longer be edited.");
        }

        string name;
        try
        {
            name = await media.SaveImageAsync($"streams/{stream.Id}", command.Content, ct);
        }
        catch (AppException e) when (e.Code is ErrorCodes.MediaNotImage or ErrorCodes.MediaTooLarge)
        {
            // Shown next to the studio's cover picker.
            throw AppException.ForField(e.Code, "cover", e.Message, e.Status);
        }

        var updated = stream with { CoverImageUrl = MediaRegistration.Url(name) };
        await streams.UpdateDetailsAsync(updated, ct);
        var dto = updated.ToDto(await viewers.CountAsync(stream.Id, ct));
        await events.PublishAsync(new StreamUpdated { StreamId = stream.Id, Stream = dto }, ct);
        return dto;
    }
}
