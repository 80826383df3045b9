using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>A brand's own blocked words, applied in every stream that lists the brand. Only that brand (or an admin).</summary>
public sealed record SetBrandBlockedWords(Actor Actor, string BrandId, IReadOnlyList<string>? Words) : ICommand<IReadOnlyList<string>>, IValidated
{
    public void Validate(Validator v)
    {
        v.Id("brandId", BrandId);
        BlockedWordRules.Validate(v, Words);
    }
}

public sealed class SetBrandBlockedWordsHandler(IModerationStore moderation, BlockedWordsCache cache) : ICommandHandler<SetBrandBlockedWords, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(SetBrandBlockedWords command, CancellationToken ct)
    {
        BrandAccess.Require(command.Actor, command.BrandId);
        var words = BlockedWordRules.Clean(command.Words!);
        await moderation.SetBlockedWordsAsync(BlockedWordScope.Brand, command.BrandId, words, ct);
        cache.Invalidate();
        return words;
    }
}
