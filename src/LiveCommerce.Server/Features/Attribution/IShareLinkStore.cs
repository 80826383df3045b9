namespace LiveCommerce.Server.Features.Attribution;

/// <summary>An influencer's share link: lands on a stream or a product.</summary>
public sealed record ShareLink(string Code, string InfluencerId, string? StreamId, string? ProductId, DateTimeOffset CreatedAt);

/// <summary>Share links and the touches viewers make on them. Redis or in-process; both pass ShareLinkStoreContract.</summary>
public interface IShareLinkStore
{
    /// <summary>False when the code is taken.</summary>
    Task<bool> TryCreateAsync(ShareLink link, CancellationToken ct = default);

    Task<ShareLink?> GetAsync(string code, CancellationToken ct = default);

    /// <summary>Records a touch for a viewer key (a user id, or "v:{visitor id}" for a signed-out browser); keeps the newest few.</summary>
    Task RecordTouchAsync(string viewerKey, Touch touch, CancellationToken ct = default);

    /// <summary>The viewer's newest touches at or before <paramref name="before"/>, newest first.</summary>
    Task<IReadOnlyList<Touch>> TouchesAsync(string viewerKey, DateTimeOffset before, CancellationToken ct = default);
}
