namespace LiveCommerce.Contracts;

public enum StreamStatus
{
    Upcoming,
    Live,
    Ended,

    /// <summary>Called off by its host before it started (<c>POST /api/streams/{id}/cancel</c>); listed only in the host's studio.</summary>
    Cancelled,
}

public sealed record StreamDto(
    string Id,
    string HostId,
    string HostName,
    string Title,
    string Description,
    StreamStatus Status,
    DateTimeOffset ScheduledStart,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? CoverImageUrl,
    string? PlaybackUrl,
    int Viewers)
{
    /// <summary>Why an operator took the stream down; null otherwise.</summary>
    public string? EndedReason { get; init; }

    /// <summary>The language the host speaks in the stream (BCP 47, e.g. <c>es</c> or <c>pt-BR</c>); null when not given.</summary>
    public string? Language { get; init; }

    /// <summary>What the stream is about (e.g. <c>beauty</c>), at most <c>5</c>, lower case.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
}

public sealed record ScheduleStreamRequest(
    string Title,
    string? Description,
    DateTimeOffset ScheduledStart,
    string? CoverImageUrl,
    string? PlaybackUrl,
    string? Language = null,
    IReadOnlyList<string>? Categories = null);

/// <summary>
/// Returned by <c>JoinStream</c>. When the caller passed a <c>lastSeq</c> it can resume from,
/// <see cref="CaughtUp"/> is true and the missed events were pushed before this answer; otherwise
/// the snapshot is the whole truth as of <see cref="Seq"/>. Partial: each feature adds its part
/// (pins, comments, sales) in its own file.
/// </summary>
public sealed partial record StreamSnapshot
{
    public required StreamDto Stream { get; init; }

    public required long Seq { get; init; }

    public int Viewers { get; init; }

    public bool CaughtUp { get; init; }

    /// <summary>Server clock when the snapshot was taken, for countdowns that agree across clients.</summary>
    public DateTimeOffset ServerTime { get; init; }
}

public sealed partial record StreamSnapshot
{
    /// <summary>Set while the host's encoder is away: when the stream ends unless it comes back.</summary>
    public DateTimeOffset? ReconnectingUntil { get; init; }
}

/// <summary>
/// <c>GET /api/streams/{id}/ingest</c> (the stream's host): where and how an encoder publishes.
/// In OBS: Server = <see cref="ServerUrl"/>, Stream Key = <see cref="StreamKey"/>. Null URLs when
/// the server runs without a video engine (the demo clip plays instead).
/// </summary>
public sealed record IngestDto(
    string StreamId,
    string? ServerUrl,
    string? StreamKey,
    string? PlaybackUrl,
    IngestStatus Status,
    DateTimeOffset? ReconnectingUntil,
    IngestSettings Settings);

public enum IngestStatus
{
    /// <summary>No encoder has connected to this stream yet (or the engine is not configured).</summary>
    Idle,
    Publishing,
    /// <summary>The encoder dropped; the stream ends at <see cref="IngestDto.ReconnectingUntil"/> unless it returns.</summary>
    Reconnecting,
    Ended,
}

/// <summary>The encoder settings the studio recommends (what the engine cuts segments on).</summary>
public sealed record IngestSettings(string VideoCodec, string AudioCodec, int KeyframeIntervalSeconds, int MaxVideoKbps);
