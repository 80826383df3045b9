using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>A viewer marks their own comment as a question (the host and moderators can mark any); it joins the host's questions list.</summary>
public sealed record MarkQuestion(Actor Actor, string StreamId, string CommentId) : ICommand<CommentDto>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId).Id("commentId", CommentId);
}

public sealed class MarkQuestionHandler(
    IStreamStore streams, IModerationStore moderation, ICommentStore comments, ILiveEvents events, IOptions<CommentOptions> options, TimeProvider clock)
    : ICommandHandler<MarkQuestion, CommentDto>
{
    public async ValueTask<CommentDto> Handle(MarkQuestion command, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(command.StreamId, ct);
        var comment = await comments.FindRecentAsync(stream.Id, command.CommentId, ct)
            ?? throw AppException.NotFound(ErrorCodes.CommentNotFound, "No such comment among the stream's recent comments.");
        if (comment.UserId != command.Actor.UserId && !stream.IsOwnedBy(command.Actor) && !await moderation.IsModeratorAsync(stream.Id, command.Actor.UserId, ct))
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the author, the host or a moderator can mark a comment as a question.");
        }

        if (comment.Kind != CommentKind.Text)
        {
            throw new AppException(ErrorCodes.ValidationFailed, "Only viewers' comments can be questions.");
        }

        var question = comment with { IsQuestion = true };
        if (await comments.AddQuestionAsync(stream.Id, question, options.Value.QuestionsKept, ct))
        {
            await events.PublishAsync(new QuestionMarked { StreamId = stream.Id, At = clock.GetUtcNow(), Comment = question }, ct);
        }

        return question;
    }
}
