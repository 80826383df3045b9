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
