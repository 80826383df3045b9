using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>The host or a moderator deletes a comment (a recent one, a question, or the pinned announcement); every view removes it.</summary>
public sealed record DeleteComment(Actor Actor, string StreamId, string CommentId) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId).Id("commentId", CommentId);
}

public sealed class DeleteCommentHandler(IStreamStore streams, IModerationStore moderation, ICommentStore comments, ILiveEvents events, TimeProvider clock)
    : ICommandHandler<DeleteComment>
{
    public async ValueTask<Unit> Handle(DeleteComment command, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        var removed = await comments.RemoveAsync(command.StreamId, command.CommentId, ct);
        if (removed is null)
        {
            if (await comments.AnnouncementAsync(command.StreamId, ct) is { } pinned && pinned.Id == command.CommentId)
            {
                await comments.SetAnnouncementAsync(command.StreamId, null, ct);
                await events.PublishAsync(new AnnouncementPinned { StreamId = command.StreamId, At = clock.GetUtcNow(), Comment = null }, ct);
                return Unit.Value;
            }

            throw AppException.NotFound(ErrorCodes.CommentNotFound, "No such comment among the stream's recent comments.");
        }

        await events.PublishAsync(new CommentRemoved { StreamId = command.StreamId, At = clock.GetUtcNow(), CommentId = command.CommentId }, ct);
        return Unit.Value;
    }
}
