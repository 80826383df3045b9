namespace LiveCommerce.Contracts;

public enum StreamStatus
{
    Upcoming,
    Live,
    Ended,
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
    int Viewers);

public sealed record ScheduleStreamRequest(
    string Title,
    string? Description,
    DateTimeOffset ScheduledStart,
    string? CoverImageUrl,
    string? PlaybackUrl);

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
