using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

public sealed record UnpinAnnouncement(Actor Actor, string StreamId) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId);
}

public sealed class UnpinAnnouncementHandler(IStreamStore streams, IModerationStore moderation, ICommentStore comments, ILiveEvents events, TimeProvider clock)
    : ICommandHandler<UnpinAnnouncement>
{
    public async ValueTask<Unit> Handle(UnpinAnnouncement command, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        if (await comments.AnnouncementAsync(command.StreamId, ct) is not null)
        {
            await comments.SetAnnouncementAsync(command.StreamId, null, ct);
            await events.PublishAsync(new AnnouncementPinned { StreamId = command.StreamId, At = clock.GetUtcNow(), Comment = null }, ct);
        }

        return Unit.Value;
    }
}
