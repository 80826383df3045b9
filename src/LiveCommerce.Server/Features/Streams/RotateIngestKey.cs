using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// A new stream key; the old one stops working at once. An encoder already connected with it is
/// dropped by the engine's next <c>on_update</c> check (see <see cref="CheckPublisher"/>).
/// </summary>
public sealed record RotateIngestKey(Actor Actor, string StreamId) : ICommand<IngestDto>;

public sealed class RotateIngestKeyHandler(IStreamStore streams, IIngestStore ingest, IVideoEngine video, StreamKeys keys)
    : ICommandHandler<RotateIngestKey, IngestDto>
{
    public async ValueTask<IngestDto> Handle(RotateIngestKey command, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        if (video.PublicIngestUrl is null)
        {
            throw AppException.Conflict(ErrorCodes.NoVideoEngine, "This server has no video engine, so streams have no key.");
        }

        await ingest.RotateKeyAsync(stream.Id, ct);
        return await GetIngestHandler.Describe(stream, ingest, video, keys, ct);
    }
}
