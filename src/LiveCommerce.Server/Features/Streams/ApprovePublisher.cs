using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// The engine's <c>on_publish</c>: an encoder wants to publish <paramref name="StreamId"/>. Approved
/// only with the stream's current key, on a stream that has not ended, with no other encoder on it.
/// An upcoming stream goes live at once (the host checks the preview in the studio before
/// announcing it); a reconnecting one resumes.
/// </summary>
public sealed record ApprovePublisher(string StreamId, string? Key, string PublisherId) : ICommand;

public sealed class ApprovePublisherHandler(IStreamStore streams, IIngestStore ingest, StreamKeys keys, ILiveEvents events, IOptions<VideoOptions> options, TimeProvider clock)
    : ICommandHandler<ApprovePublisher>
{
    public async ValueTask<Unit> Handle(ApprovePublisher command, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(command.StreamId, ct);
        if (stream.Status == StreamStatus.Ended)
        {
            throw AppException.Conflict(ErrorCodes.StreamEnded, "This stream has ended; schedule a new one.");
        }

        if (!keys.Matches(stream.Id, await ingest.KeyVersionAsync(stream.Id, ct), command.Key))
        {
            throw AppException.Forbidden(ErrorCodes.InvalidStreamKey, "Wrong stream key.");
        }

        var now = clock.GetUtcNow();
        var claim = await ingest.ClaimAsync(stream.Id, command.PublisherId, now, options.Value.PublisherLease, ct);
        switch (claim)
        {
            case PublisherClaim.Busy:
                throw AppException.Conflict(ErrorCodes.AlreadyPublishing, "Another encoder is publishing this stream.");
            case PublisherClaim.Ended:
                throw AppException.Conflict(ErrorCodes.StreamEnded, "This stream has ended; schedule a new one.");
        }

        if (stream.Status == StreamStatus.Upcoming
            && await streams.TryTransitionAsync(stream.Id, StreamStatus.Upcoming, StreamStatus.Live, now, ct) is not null)
        {
            await events.PublishAsync(new StreamStarted { StreamId = stream.Id, At = now, StartedAt = now }, ct);
        }
        else if (claim == PublisherClaim.Resumed)
        {
            await events.PublishAsync(new StreamResumed { StreamId = stream.Id, At = now }, ct);
        }

        return Unit.Value;
    }
}
