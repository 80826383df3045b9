namespace LiveCommerce.Server.Features.Comments;

/// <summary>
/// Reaction taps summed across nodes. Each node adds what it counted in a window; one node per
/// window claims the sum and pushes it. Redis or memory; both pass ReactionTallyContract.
/// </summary>
public interface IReactionTally
{
    /// <summary>Adds counts, indexed like <see cref="ReactionKinds.All"/>.</summary>
    Task AddAsync(string streamId, IReadOnlyList<int> counts, CancellationToken ct = default);

    /// <summary>
    /// Takes everything added so far, at most once per <paramref name="window"/> cluster-wide. Null
    /// when another claim holds the window (try later); all zeros when nothing is pending.
    /// </summary>
    Task<int[]?> ClaimAsync(string streamId, TimeSpan window, CancellationToken ct = default);
}
