using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Audit;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>Times a viewer out for 10 s to 24 h: their comments are refused on every node until it ends.</summary>
public sealed record TimeoutViewer(Actor Actor, string StreamId, string UserId, int Seconds) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId).Id("userId", UserId)
        .Require(
            Seconds >= CommentLimits.MinTimeout.TotalSeconds && Seconds <= CommentLimits.MaxTimeout.TotalSeconds,
            $"seconds must be {CommentLimits.MinTimeout.TotalSeconds} to {CommentLimits.MaxTimeout.TotalSeconds}.");
}

public sealed class TimeoutViewerHandler(IStreamStore streams, IModerationStore moderation, IAuditLog audit) : ICommandHandler<TimeoutViewer>
{
    public async ValueTask<Unit> Handle(TimeoutViewer command, CancellationToken ct)
    {
        var stream = await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        await moderation.RequireModeratableAsync(stream, command.UserId, ct);
        await moderation.TimeoutAsync(command.StreamId, command.UserId, TimeSpan.FromSeconds(command.Seconds), ct);
        await audit.RecordAsync(command.Actor, AuditActions.ViewerTimedOut, command.UserId, $"stream {command.StreamId}, {command.Seconds} s", ct);
        return Unit.Value;
    }
}
