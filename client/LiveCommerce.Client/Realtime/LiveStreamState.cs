using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Realtime;

/// <summary>
/// What the client knows about one joined stream: the last snapshot with every sequenced event
/// since applied in order, plus the latest unsequenced state. Immutable; each change makes a new
/// one. Features grow this record with their parts (pins, comments, sales) and
/// <see cref="Apply"/> with their events.
/// </summary>
public sealed record LiveStreamState
{
    public required string StreamId { get; init; }

    /// <summary>Null until the first snapshot arrives.</summary>
    public StreamDto? Stream { get; init; }

    public int Viewers { get; init; }

    /// <summary>The seq of the last applied event (or of the snapshot).</summary>
    public long Seq { get; init; }

    /// <summary>
    /// True while the state is known to be current: a snapshot has been applied and the connection
    /// has not dropped since. False before the first join and between a drop and the rejoin.
    /// </summary>
    public bool Synced { get; init; }

    /// <summary>Server clock minus local clock at the last snapshot, for countdowns that agree across viewers.</summary>
    public TimeSpan ServerClockOffset { get; init; }

    /// <summary>Why the stream cannot be joined (an <see cref="ErrorCodes"/> value), e.g. <c>stream_not_found</c>.</summary>
    public string? Error { get; init; }

    public bool HasSnapshot => Stream is not null;

    public StreamStatus? Status => Stream?.Status;

    /// <summary>A fresh snapshot replaces everything.</summary>
    public LiveStreamState WithSnapshot(StreamSnapshot snapshot, DateTimeOffset now) => this with
    {
        Stream = snapshot.Stream,
        Viewers = snapshot.Viewers,
        Seq = snapshot.Seq,
        Synced = true,
        ServerClockOffset = snapshot.ServerTime == default ? TimeSpan.Zero : snapshot.ServerTime - now,
        Error = null,
    };

    /// <summary>
    /// A resumed join: the missed events were (or are being) applied through the gate, so the
    /// snapshot only refreshes unsequenced state. Its stream part may be older than events
    /// already applied, so it must not overwrite them.
    /// </summary>
    public LiveStreamState WithCatchUp(StreamSnapshot snapshot, DateTimeOffset now) => this with
    {
        Viewers = snapshot.Viewers,
        Synced = true,
        ServerClockOffset = snapshot.ServerTime == default ? ServerClockOffset : snapshot.ServerTime - now,
        Error = null,
    };

    /// <summary>Applies one sequenced event; the caller guarantees seq order (see SeqGate).</summary>
    public LiveStreamState Apply(LiveEvent e)
    {
        var next = this with { Seq = e.Seq };
        if (Stream is not { } stream)
        {
            return next;
        }

        return e switch
        {
            StreamStarted started => next with { Stream = stream with { Status = StreamStatus.Live, StartedAt = started.StartedAt } },
            StreamEnded ended => next with { Stream = stream with { Status = StreamStatus.Ended, EndedAt = ended.EndedAt } },
            StreamUpdated updated => next with { Stream = updated.Stream },

            // Events of features this client does not show yet still advance the seq.
            _ => next,
        };
    }

    /// <summary>Applies an unsequenced latest-state push.</summary>
    public LiveStreamState Apply(ViewerCountChanged e) => this with { Viewers = e.Viewers };

    public LiveStreamState AsUnsynced() => Synced ? this with { Synced = false } : this;

    public LiveStreamState WithError(string code) => this with { Error = code, Synced = false };
}
