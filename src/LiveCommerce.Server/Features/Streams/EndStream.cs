using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

public sealed record EndStream(Actor Actor, string StreamId) : ICommand<StreamDto>;

/// <summary>Published once a stream has ended (after StreamEnded is in its log), for features that wrap up: pins, replay.</summary>
public sealed record StreamEndedNotification(LiveStream Stream) : INotification;

public sealed class EndStreamHandler(IStreamStore streams, IIngestStore ingest, ILiveEvents events, IPublisher publisher, TimeProvider clock)
    : ICommandHandler<EndStream, StreamDto>
{
    public async ValueTask<StreamDto> Handle(EndStream command, CancellationToken ct)
    {
        await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        var now = clock.GetUtcNow();
        var ended = await streams.TryTransitionAsync(command.StreamId, StreamStatus.Live, StreamStatus.Ended, now, ct)
            ?? throw AppException.Conflict(ErrorCodes.InvalidTransition, "Only a live stream can end.");
        await ingest.ForgetAsync(ended.Id, ct);
        await events.PublishAsync(new StreamEnded { StreamId = ended.Id, At = now, EndedAt = now }, ct);
        await publisher.Publish(new StreamEndedNotification(ended), ct);
        return ended.ToDto(0);
    }
}
