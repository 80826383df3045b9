namespace LiveCommerce.Server.Features.Attribution;

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
