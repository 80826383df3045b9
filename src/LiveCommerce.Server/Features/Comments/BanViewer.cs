using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Audit;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>Bans a viewer from commenting in the stream, on every node, until lifted.</summary>
public sealed record BanViewer(Actor Actor, string StreamId, string UserId) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId).Id("userId", UserId);
}

public sealed class BanViewerHandler(IStreamStore streams, IModerationStore moderation, IAuditLog audit) : ICommandHandler<BanViewer>
{
    public async ValueTask<Unit> Handle(BanViewer command, CancellationToken ct)
    {
        var stream = await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        await moderation.RequireModeratableAsync(stream, command.UserId, ct);
        await moderation.BanAsync(command.StreamId, command.UserId, ct);
        await audit.RecordAsync(command.Actor, AuditActions.ViewerBanned, command.UserId, $"stream {command.StreamId}", ct);
        return Unit.Value;
    }
}
