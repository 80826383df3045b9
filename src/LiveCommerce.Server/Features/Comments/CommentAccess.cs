using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Streams;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>Who may moderate a stream: its host (and admins), plus the moderators the host named.</summary>
public static class CommentAccess
{
    public static async Task<LiveStream> RequireStaffAsync(this IStreamStore streams, IModerationStore moderation, string streamId, Actor actor, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(streamId, ct);
        if (!stream.IsOwnedBy(actor) && !await moderation.IsModeratorAsync(streamId, actor.UserId, ct))
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the stream's host or its moderators can do this.");
        }

        return stream;
    }

    /// <summary>Moderators cannot act against the host or each other.</summary>
    public static async Task RequireModeratableAsync(this IModerationStore moderation, LiveStream stream, string userId, CancellationToken ct)
    {
        if (userId == stream.HostId || await moderation.IsModeratorAsync(stream.Id, userId, ct))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "The host and moderators cannot be timed out or banned.");
        }
    }
}

/// <summary>
/// Each stream's blocked words (its own plus its brands'), folded once and reused for a short
/// while, so a comment costs no extra Redis reads. Writes on this node drop the cached entry at
/// once; other nodes see them within <see cref="CommentOptions.BlockedWordsCache"/>.
/// </summary>
public sealed class BlockedWordsCache(IModerationStore moderation, IOptions<CommentOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, BlockedWordMatcher Matcher)> _byStream = new();

    public async Task<BlockedWordMatcher> ForStreamAsync(string streamId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_byStream.TryGetValue(streamId, out var cached) && cached.Until > now)
        {
            return cached.Matcher;
        }

        var words = new List<string>(await moderation.BlockedWordsAsync(BlockedWordScope.Stream, streamId, ct));
        foreach (var brand in await moderation.StreamBrandsAsync(streamId, ct))
        {
            words.AddRange(await moderation.BlockedWordsAsync(BlockedWordScope.Brand, brand, ct));
        }

        var matcher = words.Count == 0 ? BlockedWordMatcher.Empty : new BlockedWordMatcher(words);
        _byStream[streamId] = (now + options.Value.BlockedWordsCache, matcher);
        return matcher;
    }

    public void Invalidate(string? streamId = null)
    {
        if (streamId is null)
        {
            _byStream.Clear();
        }
        else
        {
            _byStream.TryRemove(streamId, out _);
        }
    }
}
