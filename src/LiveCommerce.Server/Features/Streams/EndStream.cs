using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

public sealed record EndStream(Actor Actor, string StreamId) : ICommand<StreamDto>;

/// <summary>Published once a stream has ended (after StreamEnded is in its log), for features that wrap up: pins, replay.</summary>
public sealed record StreamEndedNotification(LiveStream Stream) : INotification;

public sealed class EndStreamHandler(IStreamStore streams, StreamEnding ending) : ICommandHandler<EndStream, StreamDto>
{
    public async ValueTask<StreamDto> Handle(EndStream command, CancellationToken ct)
    {
        await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        var ended = await ending.EndAsync(command.StreamId, StreamStatus.Live, reason: null, ct)
            ?? throw AppException.Conflict(ErrorCodes.InvalidTransition, "Only a live stream can end.");
        return ended.ToDto(0);
    }
}

/// <summary>
/// How a stream ends, whoever ends it (its host, or an operator's takedown with a reason): once, for
/// every viewer on every node (StreamEnded goes through the stream's log), then the features that wrap up.
/// </summary>
public sealed class StreamEnding(IStreamStore streams, IIngestStore ingest, ILiveEvents events, IPublisher publisher, TimeProvider clock)
{
    /// <summary>Null when the stream was not in <paramref name="from"/> (someone else ended it first).</summary>
    public async Task<LiveStream?> EndAsync(string streamId, StreamStatus from, string? reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ended = await streams.TryTransitionAsync(streamId, from, StreamStatus.Ended, now, ct);
        if (ended is null)
        {
            return null;
        }

        if (reason is not null)
        {
            // Kept with the stream, so a viewer who opens it later reads the reason too.
            ended = ended with { EndedReason = reason };
            await streams.UpdateDetailsAsync(ended, ct);
        }

        await ingest.ForgetAsync(ended.Id, ct);
        await events.PublishAsync(new StreamEnded { StreamId = ended.Id, At = now, EndedAt = now, Reason = reason }, ct);
        await publisher.Publish(new StreamEndedNotification(ended), ct);
        return ended;
    }
}
