using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Live;

/// <summary>
/// A feature's share of the join snapshot (current pins, recent comments, live sales). Read
/// after the snapshot's seq, so each part is at least as new as the seq it is labelled with.
/// All parts read at once (a join in a reconnect storm waits for the slowest read, not their sum);
/// each returns how to add what it read. Register with <c>services.AddSingleton&lt;ISnapshotPart, ...&gt;()</c>.
/// </summary>
public interface ISnapshotPart
{
    Task<Func<StreamSnapshot, StreamSnapshot>> ReadAsync(StreamSnapshot snapshot, CancellationToken ct);
}
