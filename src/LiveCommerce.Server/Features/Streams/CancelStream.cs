using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>The host calls a stream off before it starts: it leaves the public listings and cannot go live.</summary>
public sealed record CancelStream(Actor Actor, string StreamId) : ICommand<StreamDto>;

public sealed class CancelStreamHandler(IStreamStore streams, ILiveEvents events, TimeProvider clock) : ICommandHandler<CancelStream, StreamDto>
{
    public async ValueTask<StreamDto> Handle(CancelStream command, CancellationToken ct)
    {
        await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        var cancelled = await streams.TryTransitionAsync(command.StreamId, StreamStatus.Upcoming, StreamStatus.Cancelled, clock.GetUtcNow(), ct)
            ?? throw AppException.Conflict(ErrorCodes.InvalidTransition, "Only a stream that has not started can be cancelled.");
        var dto = cancelled.ToDto(0);

        // Anyone waiting on its page sees it called off.
        await events.PublishAsync(new StreamUpdated { StreamId = cancelled.Id, Stream = dto }, ct);
        return dto;
    }
}
