using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>A stream as stored. Status and its timestamps change only through <see cref="IStreamStore.TryTransitionAsync"/>.</summary>
public sealed record LiveStream(
    string Id,
    string HostId,
    string HostName,
    string Title,
    string Description,
    DateTimeOffset ScheduledStart,
    string? CoverImageUrl,
    string? PlaybackUrl,
    StreamStatus Status = StreamStatus.Upcoming,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null)
{
    /// <summary>Why an operator took it down (<c>TakedownStream</c>); null otherwise.</summary>
    public string? EndedReason { get; init; }

    /// <summary>BCP 47 language the host speaks; null when not given.</summary>
    public string? Language { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public bool IsOwnedBy(Common.Actor actor) => actor.IsAdmin || actor.UserId == HostId;

    public StreamDto ToDto(int viewers) =>
        new(Id, HostId, HostName, Title, Description, Status, ScheduledStart, StartedAt, EndedAt, CoverImageUrl, PlaybackUrl, viewers) { EndedReason = EndedReason, Language = Language, Categories = Categories };
}
