using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Audit;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>The host names a moderator as people know them (a handle or an email), not by internal id.</summary>
public sealed record AddModerator(Actor Actor, string StreamId, string Handle) : ICommand<StreamTeamDto>, IValidated
{
    public const int MaxHandle = 254;

    public void Validate(Validator v) => v.Id("streamId", StreamId).Text("handle", Handle, MaxHandle);
}

public sealed class AddModeratorHandler(IStreamStore streams, IModerationStore moderation, IAccountDirectory accounts, StreamTeam team, IAuditLog audit)
    : ICommandHandler<AddModerator, StreamTeamDto>
{
    public async ValueTask<StreamTeamDto> Handle(AddModerator command, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        var person = await accounts.FindPersonAsync(command.Handle, ct)
            ?? throw AppException.ForField(ErrorCodes.AccountNotFound, "handle", "No one has that handle or email.", StatusCodes.Status404NotFound);
        if (person.Id == stream.HostId)
        {
            throw AppException.ForField(ErrorCodes.ValidationFailed, "handle", "The host already runs the stream.");
        }

        var current = await moderation.ModeratorsAsync(stream.Id, ct);
        if (!current.Contains(person.Id) && current.Count >= CommentLimits.MaxModerators)
        {
            throw AppException.ForField(ErrorCodes.ValidationFailed, "handle", $"A stream can have at most {CommentLimits.MaxModerators} moderators.");
        }

        if (!current.Contains(person.Id))
        {
            await moderation.SetModeratorAsync(stream.Id, person.Id, true, ct);
            await audit.RecordAsync(command.Actor, AuditActions.ModeratorAdded, person.Id, $"stream {stream.Id}", ct);
        }

        return await team.ReadAsync(stream.Id, ct);
    }
}
