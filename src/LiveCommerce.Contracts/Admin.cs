namespace LiveCommerce.Contracts;

/// <summary>The audit log's action names: stable, other clients filter on them (<c>GET /api/audit?action=</c>).</summary>
public static class AuditActions
{
    public const string OrderRefunded = "order.refunded";
    public const string StreamTakenDown = "stream.taken_down";
    public const string ViewerBanned = "viewer.banned";
    public const string ViewerUnbanned = "viewer.unbanned";
    public const string ViewerTimedOut = "viewer.timed_out";
    public const string AccountSuspended = "account.suspended";
    public const string AccountUnsuspended = "account.unsuspended";
    public const string PartnershipProposed = "partnership.proposed";
    public const string PartnershipAccepted = "partnership.accepted";
    public const string PartnershipEnded = "partnership.ended";
    public const string ModeratorAdded = "moderator.added";
    public const string ModeratorRemoved = "moderator.removed";
    public const string BrandShippingSet = "brand.shipping_set";

    public static readonly IReadOnlyList<string> All =
    [
        OrderRefunded, StreamTakenDown, ViewerBanned, ViewerUnbanned, ViewerTimedOut,
        AccountSuspended, AccountUnsuspended, PartnershipProposed, PartnershipAccepted, PartnershipEnded,
        ModeratorAdded, ModeratorRemoved,
        BrandShippingSet,
    ];
}

/// <summary>One money or moderation action: who (id and name at the time), what, when, on what, and how.</summary>
public sealed record AuditEntryDto(long Id, DateTimeOffset At, string ActorId, string ActorName, string Action, string Target, string? Detail);

/// <summary>Newest first. <see cref="NextBefore"/>: pass it as <c>before</c> for the next, older page; null at the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryDto> Entries, long? NextBefore);

/// <summary><c>POST /api/admin/accounts/{id}/suspend</c> and <c>/api/admin/streams/{id}/takedown</c>: why, shown to the person affected.</summary>
public sealed record AdminReasonRequest(string? Reason)
{
    public const int MaxLength = 500;
}

public sealed record AdminUserDto(
    string Id,
    string Email,
    string DisplayName,
    string? Handle,
    bool IsAdmin,
    DateTimeOffset? SuspendedAt,
    string? SuspendedReason);

public sealed record AdminBrandDto(string Id, string Name, string? Country);

/// <summary><c>GET /api/admin/search?q=</c>: at most <see cref="Limit"/> of each kind.</summary>
public sealed record AdminSearchResult(IReadOnlyList<AdminUserDto> Users, IReadOnlyList<AdminBrandDto> Brands, IReadOnlyList<StreamDto> Streams)
{
    public const int Limit = 20;
}

/// <summary><c>GET /api/admin/readiness</c>: each dependency this node is configured with (Healthy, Degraded, Unhealthy).</summary>
public sealed record ReadinessDto(string Status, IReadOnlyList<ReadinessCheckDto> Checks);

public sealed record ReadinessCheckDto(string Name, string Status, string? Description, int Ms);
