using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Audit;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Admin;

/// <summary>
/// An operator takes a stream down, live or upcoming: it ends the way its host would end it, for
/// every viewer on every node, carrying the reason (on <see cref="StreamEnded"/> and on the stream).
/// </summary>
public sealed record TakedownStream(Actor Actor, string StreamId, AdminReasonRequest? Request) : ICommand<StreamDto>, IValidated
{
    public void Validate(Validator v) => v.Id("id", StreamId).Reason(Request);
}

public sealed class TakedownStreamHandler(IStreamStore streams, StreamEnding ending, IAuditLog audit) : ICommandHandler<TakedownStream, StreamDto>
{
    public async ValueTask<StreamDto> Handle(TakedownStream command, CancellationToken ct)
    {
        AdminRules.RequireAdmin(command.Actor);
        var reason = command.Request!.Reason!.Trim();
        LiveStream? ended = null;
        // Twice at most: an upcoming stream may go live between the read and the end.
        for (var attempt = 0; attempt < 2 && ended is null; attempt++)
        {
            var stream = await streams.GetAsync(command.StreamId, ct)
                ?? throw AppException.NotFound(ErrorCodes.StreamNotFound, "No such stream.");
            if (stream.Status == StreamStatus.Ended)
            {
                throw AppException.Conflict(ErrorCodes.InvalidTransition, "The stream has already ended.");
            }

            ended = await ending.EndAsync(stream.Id, stream.Status, reason, ct);
        }

        if (ended is null)
        {
            throw AppException.Conflict(ErrorCodes.InvalidTransition, "The stream changed while it was being taken down; try again.");
        }

        await audit.RecordAsync(command.Actor, AuditActions.StreamTakenDown, ended.Id, $"{ended.Title} ({ended.HostName}): {reason}", ct);
        return ended.ToDto(0);
    }
}
