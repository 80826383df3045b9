using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// A viewer (re)joins. The caller must already be in the stream's group, so any event appended
/// after the log is read here also reaches it live; the client de-duplicates by seq.
/// </summary>
public sealed record JoinStream(string StreamId, string ConnectionId, string ViewerId, long? LastSeq) : IQuery<JoinResult>;

/// <summary>Published after a viewer joined (or rejoined) a stream, for the audience counts.</summary>
public sealed record ViewerJoined(string StreamId, string HostId, string ViewerId, DateTimeOffset At) : INotification;

/// <summary>The snapshot to answer with, and the events to push first when resuming.</summary>
public sealed record JoinResult(StreamSnapshot Snapshot, IReadOnlyList<LiveEvent> Missed);

public sealed class JoinStreamHandler(
    IStreamStore streams,
    IStreamEventLog log,
    IViewerPresence viewers,
    IEnumerable<ISnapshotPart> parts,
    IPublisher publisher,
    IOptions<RealtimeOptions> options,
    TimeProvider clock) : IQueryHandler<JoinStream, JoinResult>
{
    public async ValueTask<JoinResult> Handle(JoinStream query, CancellationToken ct)
    {
        if (query.LastSeq < 0)
        {
            throw new AppException(ErrorCodes.InvalidLastSeq, "lastSeq cannot be negative.");
        }

        // Seq first, state second: the state is then at least as new as the seq it is labelled with.
        // The reads after it are independent, so they go out together: in a reconnect storm each
        // join then waits for about one round trip per step instead of one per read.
        var seq = await log.CurrentSeqAsync(query.StreamId, ct);
        var streamRead = streams.GetRequiredAsync(query.StreamId, ct);
        var missedRead = query.LastSeq is { } last
            ? log.ReadAfterAsync(query.StreamId, last, options.Value.MaxCatchUpEvents, ct)
            : Task.FromResult<IReadOnlyList<LiveEvent>?>(null);
        await Task.WhenAll(streamRead, missedRead);
        var stream = await streamRead;
        if (query.LastSeq > seq)
        {
            throw new AppException(ErrorCodes.InvalidLastSeq, $"lastSeq {query.LastSeq} is ahead of the stream ({seq}).");
        }

        var missed = await missedRead;
        if (missed is { Count: > 0 })
        {
            seq = Math.Max(seq, missed[^1].Seq);
        }

        // Presence (join, then count) runs beside the snapshot parts, which read the state.
        var counted = JoinAndCountAsync(query, ct);
        var withParts = AddPartsAsync(new StreamSnapshot
        {
            Stream = stream.ToDto(0),
            Seq = seq,
            CaughtUp = missed is not null,
            ServerTime = clock.GetUtcNow(),
        }, ct);
        await Task.WhenAll(counted, withParts);
        var count = await counted;
        var snapshot = await withParts with { Stream = stream.ToDto(count), Viewers = count };
        await publisher.Publish(new ViewerJoined(stream.Id, stream.HostId, query.ViewerId, snapshot.ServerTime), ct);
        return new JoinResult(snapshot, missed ?? []);
    }

    private async Task<StreamSnapshot> AddPartsAsync(StreamSnapshot snapshot, CancellationToken ct)
    {
        var adds = await Task.WhenAll(parts.Select(part => part.ReadAsync(snapshot, ct)));
        return adds.Aggregate(snapshot, (s, add) => add(s));
    }

    private async Task<int> JoinAndCountAsync(JoinStream query, CancellationToken ct)
    {
        await viewers.JoinAsync(query.StreamId, query.ConnectionId, ct);
        return await viewers.CountAsync(query.StreamId, ct);
    }
}
