namespace LiveCommerce.Server.Features.Attribution;

/// <summary>An influencer's share link: lands on a stream or a product.</summary>
public sealed record ShareLink(string Code, string InfluencerId, string? StreamId, string? ProductId, DateTimeOffset CreatedAt);

/// <summary>Share links and the touches viewers make on them. Redis or in-process; both pass ShareLinkStoreContract.</summary>
public interface IShareLinkStore
{
    /// <summary>False when the code is taken.</summary>
    Task<bool> TryCreateAsync(ShareLink link, CancellationToken ct = default);

    Task<ShareLink?> GetAsync(string code, CancellationToken ct = default);

    /// <summary>
    /// Records a touch for a viewer key (a user id, or "v:{visitor id}" for a signed-out browser); keeps the newest
    /// few. Recording the same touch again changes nothing.
    /// </summary>
    Task RecordTouchAsync(string viewerKey, Touch touch, CancellationToken ct = default);

    /// <summary>The viewer's newest touches at or before <paramref name="before"/>, newest first.</summary>
    Task<IReadOnlyList<Touch>> TouchesAsync(string viewerKey, DateTimeOffset before, CancellationToken ct = default);

    /// <summary>
    /// Makes <paramref name="userId"/> the owner of a signed-out browser's touches unless another account
    /// claimed them first (atomic: of two concurrent claimants exactly one wins). Returns the owner.
    /// </summary>
    Task<string> ClaimVisitorAsync(string visitorKey, string userId, CancellationToken ct = default);

    /// <summary>Removes these touches (moved to an account); others the viewer made meanwhile stay.</summary>
    Task RemoveTouchesAsync(string viewerKey, IReadOnlyList<Touch> touches, CancellationToken ct = default);
}

/// <summary>
/// The projected totals. <see cref="ApplyAsync"/> is atomic and idempotent per order id: the guard, the
/// counters and the record of what was added change together or not at all.
/// </summary>
public interface IEarningsStore
{
    /// <summary>Adds the order's deltas once per order id; false when it was applied before.</summary>
    Task<bool> ApplyOrderAsync(string orderId, IReadOnlyList<ProjectionDelta> deltas, CancellationToken ct = default);

    /// <summary>
    /// Subtracts exactly what the order added, once per order id. Reversed when applied; AlreadyReversed;
    /// NotProjected when the order has not been applied (the caller projects it first).
    /// </summary>
    Task<ReversalOutcome> ApplyReversalAsync(string orderId, CancellationToken ct = default);

    /// <summary>Each bucket's fields (missing bucket: empty), in the order asked.</summary>
    Task<IReadOnlyList<IReadOnlyDictionary<string, long>>> ReadAsync(IReadOnlyList<string> buckets, CancellationToken ct = default);

    /// <summary>The log position read so far. Only an optimisation: replaying before it is harmless.</summary>
    Task<string?> GetCheckpointAsync(CancellationToken ct = default);

    Task SetCheckpointAsync(string position, CancellationToken ct = default);
}

public enum ReversalOutcome
{
    Reversed,
    AlreadyReversed,
    NotProjected,
}

/// <summary>Told when a stream's attributed totals or audience changed; pushes the host's live metrics (coalesced).</summary>
public interface IHostMetricsNotifier
{
    void StreamChanged(string hostId, string streamId, DateOnly day);

    /// <summary>A new concurrent count (peak) was recorded for a stream watched on this node.</summary>
    void ViewersCounted(string streamId, long viewers, DateOnly day);
}
