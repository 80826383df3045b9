using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

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
