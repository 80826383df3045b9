using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>The host (or a moderator) pins an announcement above the comments, replacing any earlier one.</summary>
public sealed record PinAnnouncement(Actor Actor, string StreamId, string? Text) : ICommand<CommentDto>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId);
}

public sealed class PinAnnouncementHandler(IStreamStore streams, IModerationStore moderation, ICommentStore comments, ILiveEvents events, TimeProvider clock)
    : ICommandHandler<PinAnnouncement, CommentDto>
{
    public async ValueTask<CommentDto> Handle(PinAnnouncement command, CancellationToken ct)
    {
        var normalized = CommentNormalizer.Normalize(command.Text);
        if (!normalized.IsValid)
        {
            throw new AppException(normalized.ErrorCode!, $"An announcement needs 1 to {CommentNormalizer.MaxLength} characters.");
        }

        await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        var now = clock.GetUtcNow();
        var announcement = new CommentDto(CommentIds.New(now), command.Actor.UserId, command.Actor.DisplayName, normalized.Text, CommentKind.Announcement, now);
        await comments.SetAnnouncementAsync(command.StreamId, announcement, ct);
        await events.PublishAsync(new AnnouncementPinned { StreamId = command.StreamId, At = now, Comment = announcement }, ct);
        return announcement;
    }
}
