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
        var name = await media.SaveImageAsync($"streams/{stream.Id}", command.Content, ct);
        var updated = stream with { CoverImageUrl = MediaRegistration.Url(name) };
        await streams.UpdateDetailsAsync(updated, ct);
        var dto = updated.ToDto(await viewers.CountAsync(stream.Id, ct));
        await events.PublishAsync(new StreamUpdated { StreamId = stream.Id, Stream = dto }, ct);
        return dto;
    }
}
