using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

public sealed record GetStreamBlockedWords(Actor Actor, string StreamId) : IQuery<StreamBlockedWords>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId);
}

public sealed class GetStreamBlockedWordsHandler(IStreamStore streams, IModerationStore moderation) : IQueryHandler<GetStreamBlockedWords, StreamBlockedWords>
{
    public async ValueTask<StreamBlockedWords> Handle(GetStreamBlockedWords query, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, query.StreamId, query.Actor, ct);
        return new StreamBlockedWords(
            await moderation.BlockedWordsAsync(BlockedWordScope.Stream, query.StreamId, ct),
            await moderation.StreamBrandsAsync(query.StreamId, ct));
    }
}
