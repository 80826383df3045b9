using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>Slow mode: each viewer may comment once per <see cref="Seconds"/> (0 switches it off). Host or moderator.</summary>
public sealed record SetSlowMode(Actor Actor, string StreamId, int Seconds) : ICommand<int>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId)
        .Require(Seconds is >= 0 and <= CommentLimits.MaxSlowModeSeconds, $"seconds must be 0 (off) to {CommentLimits.MaxSlowModeSeconds}.");
}

public sealed class SetSlowModeHandler(IStreamStore streams, IModerationStore moderation, ILiveEvents events, TimeProvider clock)
    : ICommandHandler<SetSlowMode, int>
{
    public async ValueTask<int> Handle(SetSlowMode command, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        await moderation.SetSlowModeAsync(command.StreamId, command.Seconds, ct);
        await events.PublishAsync(new SlowModeChanged { StreamId = command.StreamId, At = clock.GetUtcNow(), Seconds = command.Seconds }, ct);
        return command.Seconds;
    }
}
