using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Audit;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>Lifts a ban and any timeout.</summary>
public sealed record UnbanViewer(Actor Actor, string StreamId, string UserId) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId).Id("userId", UserId);
}

public sealed class UnbanViewerHandler(IStreamStore streams, IModerationStore moderation, IAuditLog audit) : ICommandHandler<UnbanViewer>
{
    public async ValueTask<Unit> Handle(UnbanViewer command, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        await moderation.LiftAsync(command.StreamId, command.UserId, ct);
        await audit.RecordAsync(command.Actor, AuditActions.ViewerUnbanned, command.UserId, $"stream {command.StreamId}", ct);
        return Unit.Value;
    }
}
