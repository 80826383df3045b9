using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Audit;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>The host names (or un-names) a moderator. Only the host or an admin.</summary>
public sealed record SetModerator(Actor Actor, string StreamId, string UserId, bool IsModerator) : ICommand<IReadOnlyList<string>>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId).Id("userId", UserId);
}

public sealed class SetModeratorHandler(IStreamStore streams, IModerationStore moderation, IAuditLog audit) : ICommandHandler<SetModerator, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(SetModerator command, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        var current = await moderation.ModeratorsAsync(stream.Id, ct);
        if (current.Contains(command.UserId) == command.IsModerator)
        {
            return current;
        }

        if (command.IsModerator && current.Count >= CommentLimits.MaxModerators)
        {
            throw new AppException(ErrorCodes.ValidationFailed, $"A stream can have at most {CommentLimits.MaxModerators} moderators.");
        }

        await moderation.SetModeratorAsync(stream.Id, command.UserId, command.IsModerator, ct);
        await audit.RecordAsync(
            command.Actor, command.IsModerator ? AuditActions.ModeratorAdded : AuditActions.ModeratorRemoved, command.UserId, $"stream {stream.Id}", ct);
        return await moderation.ModeratorsAsync(stream.Id, ct);
    }
}
