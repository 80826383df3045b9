using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// The engine's periodic <c>on_update</c> for a connected encoder: renews its lease; refused (and so dropped by the
/// engine) once the stream has ended, the key was rotated, or another encoder holds the stream.
/// </summary>
public sealed record CheckPublisher(string StreamId, string? Key, string PublisherId) : ICommand;

public sealed class CheckPublisherHandler(IStreamStore streams, IIngestStore ingest, StreamKeys keys, TimeProvider clock) : ICommandHandler<CheckPublisher>
{
    public async ValueTask<Unit> Handle(CheckPublisher command, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(command.StreamId, ct);
        if (stream.Status != StreamStatus.Live)
        {
            throw AppException.Conflict(ErrorCodes.StreamEnded, "This stream is not live.");
        }

        if (!keys.Matches(stream.Id, await ingest.KeyVersionAsync(stream.Id, ct), command.Key))
        {
            throw AppException.Forbidden(ErrorCodes.InvalidStreamKey, "The stream key was rotated.");
        }

        if (!await ingest.TouchAsync(stream.Id, command.PublisherId, clock.GetUtcNow(), ct))
        {
            throw AppException.Conflict(ErrorCodes.AlreadyPublishing, "Another encoder holds this stream.");
        }

        return Unit.Value;
    }
}
