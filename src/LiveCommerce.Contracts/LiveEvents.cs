namespace LiveCommerce.Contracts;

/// <summary>
/// A sequenced event of one stream. <see cref="Seq"/> is per stream, starts at 1, has no gaps
/// and only grows; a client applies events in <see cref="Seq"/> order and ignores ones it has seen.
/// Each concrete event is pushed through the <see cref="ILiveClient"/> method of the same name.
/// </summary>
public abstract record LiveEvent
{
    public required string StreamId { get; init; }

    public long Seq { get; init; }

    public DateTimeOffset At { get; init; }
}

public sealed record StreamStarted : LiveEvent
{
    public DateTimeOffset StartedAt { get; init; }
}

public sealed record StreamEnded : LiveEvent
{
    public DateTimeOffset EndedAt { get; init; }

    /// <summary>Why an operator took the stream down; null when its host ended it (or it ended on its own).</summary>
    public string? Reason { get; init; }
}

/// <summary>
/// The host's encoder dropped. Viewers see "reconnecting"; the stream ends on its own at
/// <see cref="EndsAt"/> unless the encoder comes back (<see cref="StreamResumed"/>).
/// </summary>
public sealed record StreamReconnecting : LiveEvent
{
    public DateTimeOffset EndsAt { get; init; }
}

/// <summary>The host's encoder came back within the grace period: the same stream goes on.</summary>
public sealed record StreamResumed : LiveEvent;

/// <summary>Title, description, cover or playback URL changed.</summary>
public sealed record StreamUpdated : LiveEvent
{
    public required StreamDto Stream { get; init; }
}

public sealed record ViewerCountChanged(string StreamId, int Viewers);

/// <summary>
/// The stream's last seq, as its log had it when the viewer's own node looked. Not sequenced. A
/// client behind it has missed a push (pub/sub between nodes is at most once) and treats it as a gap:
/// if the events do not arrive within its gap patience, it rejoins from its last seq.
/// </summary>
public sealed record StreamHead(string StreamId, long Seq);
