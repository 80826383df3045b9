using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>The host's encoder settings: server URL, stream key, and whether an encoder is connected.</summary>
public sealed record GetIngest(Actor Actor, string StreamId) : IQuery<IngestDto>;

public sealed class GetIngestHandler(IStreamStore streams, IIngestStore ingest, IVideoEngine video, StreamKeys keys)
    : IQueryHandler<GetIngest, IngestDto>
{
    /// <summary>What the engine cuts 1 s segments on; anything else still plays, with longer segments.</summary>
    public static readonly IngestSettings Recommended = new("H.264", "AAC", KeyframeIntervalSeconds: 1, MaxVideoKbps: 4500);

    public async ValueTask<IngestDto> Handle(GetIngest query, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(query.StreamId, query.Actor, ct);
        return await Describe(stream, ingest, video, keys, ct);
    }

    public static async Task<IngestDto> Describe(LiveStream stream, IIngestStore ingest, IVideoEngine video, StreamKeys keys, CancellationToken ct)
    {
        var state = await ingest.GetAsync(stream.Id, ct);
        var status = stream.Status == StreamStatus.Ended || state.Ended ? IngestStatus.Ended
            : state.Publisher is not null ? IngestStatus.Publishing
            : state.ReconnectUntil is not null ? IngestStatus.Reconnecting
            : IngestStatus.Idle;
        string? key = null;
        if (video.PublicIngestUrl is not null)
        {
            key = StreamKeys.EncoderKey(stream.Id, keys.For(stream.Id, await ingest.KeyVersionAsync(stream.Id, ct)));
        }

        return new IngestDto(stream.Id, video.PublicIngestUrl, key, stream.PlaybackUrl, status,
            status == IngestStatus.Reconnecting ? state.ReconnectUntil : null, Recommended);
    }
}
