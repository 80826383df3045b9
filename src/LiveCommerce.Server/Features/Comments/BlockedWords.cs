using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

public static class BlockedWordRules
{
    public static void Validate(Validator v, IReadOnlyList<string>? words)
    {
        v.Require(words is not null, "words is required (an empty list clears it).");
        if (words is null)
        {
            return;
        }

        v.Require(words.Count <= CommentLimits.MaxBlockedWords, $"At most {CommentLimits.MaxBlockedWords} words.");
        foreach (var word in words.Take(CommentLimits.MaxBlockedWords + 1))
        {
            v.Text("word", word, CommentLimits.MaxBlockedWordLength);
            v.Require(word is null || BlockedWordMatcher.Tokens(word).Count > 0, $"\"{word}\" has no letters or digits to match.");
        }
    }

    public static IReadOnlyList<string> Clean(IReadOnlyList<string> words) =>
        words.Select(TextRules.Clean).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}

/// <summary>The host sets the stream's blocked words, and which brands' lists also apply.</summary>
public sealed record SetStreamBlockedWords(Actor Actor, string StreamId, BlockedWordsRequest Request) : ICommand<StreamBlockedWords>, IValidated
{
    public void Validate(Validator v)
    {
        v.Id("streamId", StreamId);
        BlockedWordRules.Validate(v, Request.Words);
        foreach (var brand in Request.Brands ?? [])
        {
            v.Id("brand", brand);
        }
    }
}

public sealed class SetStreamBlockedWordsHandler(IStreamStore streams, IModerationStore moderation, BlockedWordsCache cache)
    : ICommandHandler<SetStreamBlockedWords, StreamBlockedWords>
{
    public async ValueTask<StreamBlockedWords> Handle(SetStreamBlockedWords command, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        var words = BlockedWordRules.Clean(command.Request.Words!);
        var brands = (command.Request.Brands ?? []).Distinct(StringComparer.Ordinal).ToList();
        await moderation.SetBlockedWordsAsync(BlockedWordScope.Stream, stream.Id, words, ct);
        await moderation.SetStreamBrandsAsync(stream.Id, brands, ct);
        cache.Invalidate(stream.Id);
        return new StreamBlockedWords(words, brands);
    }
}

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

internal static class BrandAccess
{
    /// <summary>A brand account's id is its brand id.</summary>
    public static void Require(Actor actor, string brandId)
    {
        if (!actor.IsAdmin && !(actor.Role == Roles.Brand && actor.UserId == brandId))
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the brand itself can change its blocked words.");
        }
    }
}
