namespace LiveCommerce.Server.Features.Comments;

/// <summary>Counts taps on this node for the current window (Realtime/ReactionTallier). False when the viewer taps too fast.</summary>
public interface IReactionCounter
{
    bool TryAdd(string streamId, string userId, int kindIndex);
}
