namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// Who is publishing each stream's video, shared by every node. Rules, one contract suite for both adapters:
/// <list type="number">
/// <item>One publisher at a time: a second one is <see cref="PublisherClaim.Busy"/> until the first is released,
/// or until the first has not been seen (claimed or touched) for the lease (an engine that died without saying so).</item>
/// <item>Releasing marks the stream as reconnecting until a deadline; only the current publisher can release.</item>
/// <item>A claim while reconnecting is <see cref="PublisherClaim.Resumed"/> and clears the deadline.</item>
/// <item>Expiring after the deadline succeeds once (one node ends the stream), and never while someone publishes.</item>
/// <item>After expiry or <see cref="ForgetAsync"/>, every claim is <see cref="PublisherClaim.Ended"/>.</item>
/// <item>Rotating the key bumps its version; nothing else changes it.</item>
/// </list>
/// </summary>
public interface IIngestStore
{
    Task<long> KeyVersionAsync(string streamId, CancellationToken ct = default);

    /// <summary>Returns the new key version: every key made from an older one stops working.</summary>
    Task<long> RotateKeyAsync(string streamId, CancellationToken ct = default);

    Task<PublisherClaim> ClaimAsync(string streamId, string publisherId, DateTimeOffset now, TimeSpan lease, CancellationToken ct = default);

    /// <summary>The engine still sees <paramref name="publisherId"/>: renews its lease. False when it is not the current publisher.</summary>
    Task<bool> TouchAsync(string streamId, string publisherId, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>False when <paramref name="publisherId"/> is not the current publisher (a stale or refused one).</summary>
    Task<bool> ReleaseAsync(string streamId, string publisherId, DateTimeOffset reconnectUntil, CancellationToken ct = default);

    Task<IngestState> GetAsync(string streamId, CancellationToken ct = default);

    /// <summary>Streams whose reconnect deadline has passed (may be stale: <see cref="TryExpireAsync"/> decides).</summary>
    Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct = default);

    /// <summary>True for exactly one caller, and only when the deadline has passed with nobody publishing.</summary>
    Task<bool> TryExpireAsync(string streamId, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>The stream ended: no publisher may claim it again.</summary>
    Task ForgetAsync(string streamId, CancellationToken ct = default);
}

public enum PublisherClaim
{
    Claimed,
    Resumed,
    Busy,
    Ended,
}

/// <param name="Publisher">The engine's id of the connected encoder, if any.</param>
/// <param name="ReconnectUntil">Set while the encoder is away.</param>
public sealed record IngestState(string? Publisher, DateTimeOffset? ReconnectUntil, bool Ended)
{
    public static readonly IngestState Idle = new(null, null, false);
}
