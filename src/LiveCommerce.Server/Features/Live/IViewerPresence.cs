namespace LiveCommerce.Server.Features.Live;

/// <summary>
/// Who is watching, across nodes. A viewer is one open watch session (connection), so two tabs
/// count twice, as on YouTube's "watching now". Entries expire unless their node refreshes them,
/// so a node that dies leaves no ghost viewers behind.
/// </summary>
public interface IViewerPresence
{
    Task JoinAsync(string streamId, string connectionId, CancellationToken ct = default);

    Task LeaveAsync(string streamId, string connectionId, CancellationToken ct = default);

    /// <summary>Extends the expiry of sessions this node still holds.</summary>
    Task RefreshAsync(IReadOnlyCollection<(string StreamId, string ConnectionId)> sessions, CancellationToken ct = default);

    Task<int> CountAsync(string streamId, CancellationToken ct = default);

    /// <summary>
    /// The count to push now, or null when another node already pushed in this interval or the
    /// count has not changed since the last push. Keeps pushes to one per interval cluster-wide.
    /// </summary>
    Task<int?> ClaimCountUpdateAsync(string streamId, TimeSpan interval, CancellationToken ct = default);
}
