using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>A viewer who joins while the encoder is away sees "reconnecting" at once, with its deadline.</summary>
public sealed class IngestSnapshotPart(IIngestStore ingest) : ISnapshotPart
{
    public async Task<Func<StreamSnapshot, StreamSnapshot>> ReadAsync(StreamSnapshot snapshot, CancellationToken ct)
    {
        if (snapshot.Stream.Status != StreamStatus.Live)
        {
            return s => s;
        }

        var state = await ingest.GetAsync(snapshot.Stream.Id, ct);
        return s => s with { ReconnectingUntil = state.Publisher is null ? state.ReconnectUntil : null };
    }
}
