using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;

namespace LiveCommerce.Server.Features.Pins;

/// <summary>A joining viewer sees the current pins (ones whose time just ran out are left out).</summary>
public sealed class PinsSnapshotPart(IPinStore pins, TimeProvider clock) : ISnapshotPart
{
    public async Task<Func<StreamSnapshot, StreamSnapshot>> ReadAsync(StreamSnapshot snapshot, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = (await pins.ListAsync(snapshot.Stream.Id, ct)).Where(p => p.ExpiresAt is null || p.ExpiresAt > now).ToList();
        return s => s with { Pins = current };
    }
}
