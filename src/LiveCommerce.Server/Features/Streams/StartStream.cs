using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>The host goes live.</summary>
public sealed record StartStream(Actor Actor, string StreamId) : ICommand<StreamDto>;

public sealed class StartStreamHandler(IStreamStore streams, ILiveEvents events, TimeProvider clock)
    : ICommandHandler<StartStream, StreamDto>
{
    public async ValueTask<StreamDto> Handle(StartStream command, CancellationToken ct)
    {
        await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        var now = clock.GetUtcNow();
        var live = await streams.TryTransitionAsync(command.StreamId, StreamStatus.Upcoming, StreamStatus.Live, now, ct)
            ?? throw AppException.Conflict(ErrorCodes.InvalidTransition, "Only an upcoming stream can go live.");
        await events.PublishAsync(new StreamStarted { StreamId = live.Id, At = now, StartedAt = now }, ct);
        return live.ToDto(0);
    }
}
