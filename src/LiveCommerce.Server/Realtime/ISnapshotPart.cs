using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// A feature's share of the join snapshot (current pins, recent comments, live sales). Read
/// after the snapshot's seq, so each part is at least as new as the seq it is labelled with.
/// Register with <c>services.AddSingleton&lt;ISnapshotPart, ...&gt;()</c>.
/// </summary>
public interface ISnapshotPart
{
    Task<StreamSnapshot> AddToAsync(StreamSnapshot snapshot, CancellationToken ct);
}
