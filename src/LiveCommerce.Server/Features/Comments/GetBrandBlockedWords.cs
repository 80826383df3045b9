using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

public sealed record GetBrandBlockedWords(Actor Actor, string BrandId) : IQuery<IReadOnlyList<string>>, IValidated
{
    public void Validate(Validator v) => v.Id("brandId", BrandId);
}

public sealed class GetBrandBlockedWordsHandler(IModerationStore moderation) : IQueryHandler<GetBrandBlockedWords, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(GetBrandBlockedWords query, CancellationToken ct)
    {
        BrandAccess.Require(query.Actor, query.BrandId);
        return await moderation.BlockedWordsAsync(BlockedWordScope.Brand, query.BrandId, ct);
    }
}
