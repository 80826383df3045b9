using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

public sealed record ListModerators(Actor Actor, string StreamId) : IQuery<IReadOnlyList<string>>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId);
}

public sealed class ListModeratorsHandler(IStreamStore streams, IModerationStore moderation) : IQueryHandler<ListModerators, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(ListModerators query, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, query.StreamId, query.Actor, ct);
        return await moderation.ModeratorsAsync(query.StreamId, ct);
    }
}
