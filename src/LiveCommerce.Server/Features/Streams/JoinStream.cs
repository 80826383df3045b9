using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Realtime;
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
        var seq = await log.CurrentSeqAsync(query.StreamId, ct);
        var stream = await streams.GetRequiredAsync(query.StreamId, ct);
        if (query.LastSeq > seq)
        {
            throw new AppException(ErrorCodes.InvalidLastSeq, $"lastSeq {query.LastSeq} is ahead of the stream ({seq}).");
        }

        IReadOnlyList<LiveEvent>? missed = null;
        if (query.LastSeq is { } last)
        {
            missed = await log.ReadAfterAsync(query.StreamId, last, options.Value.MaxCatchUpEvents, ct);
            if (missed is { Count: > 0 })
            {
                seq = Math.Max(seq, missed[^1].Seq);
            }
        }

        await viewers.JoinAsync(query.StreamId, query.ConnectionId, ct);
        var count = await viewers.CountAsync(query.StreamId, ct);
        var snapshot = new StreamSnapshot
        {
            Stream = stream.ToDto(count),
            Seq = seq,
            Viewers = count,
            CaughtUp = missed is not null,
            ServerTime = clock.GetUtcNow(),
        };
        foreach (var part in parts)
        {
            snapshot = await part.AddToAsync(snapshot, ct);
        }

        await publisher.Publish(new ViewerJoined(stream.Id, stream.HostId, query.ViewerId, snapshot.ServerTime), ct);
        return new JoinResult(snapshot, missed ?? []);
    }
}
