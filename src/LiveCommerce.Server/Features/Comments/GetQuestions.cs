using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>The host's questions list, oldest first.</summary>
public sealed record GetQuestions(Actor Actor, string StreamId) : IQuery<IReadOnlyList<CommentDto>>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId);
}

public sealed class GetQuestionsHandler(IStreamStore streams, IModerationStore moderation, ICommentStore comments)
    : IQueryHandler<GetQuestions, IReadOnlyList<CommentDto>>
{
    public async ValueTask<IReadOnlyList<CommentDto>> Handle(GetQuestions query, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, query.StreamId, query.Actor, ct);
        return await comments.QuestionsAsync(query.StreamId, ct);
    }
}
