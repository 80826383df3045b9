namespace LiveCommerce.Contracts;

/// <summary>
/// A product pinned in a live stream. Up to three at once; the snapshot's <c>Pins</c> lists them
/// oldest first and the first is the featured one. <see cref="ExpiresAt"/> (server clock; compare
/// with <see cref="StreamSnapshot.ServerTime"/>) is set for timed pins, so every countdown agrees.
/// <see cref="Price"/> is the brand's price; convert for display with <c>GET /api/fx/convert</c>.
/// </summary>
public sealed record PinDto(
    string PinId,
    string ProductId,
    string BrandId,
    string BrandName,
    string Title,
    string? ImageUrl,
    Money Price,
    DateTimeOffset PinnedAt,
    DateTimeOffset? ExpiresAt);

public sealed record ProductPinned : LiveEvent
{
    public required PinDto Pin { get; init; }
}

public sealed record ProductUnpinned : LiveEvent
{
    public required string ProductId { get; init; }

    public required string PinId { get; init; }

    /// <summary><c>host</c> when the host unpinned it, <c>expired</c> when its time ran out.</summary>
    public required string Reason { get; init; }
}

public sealed record ShowcaseRequest(IReadOnlyList<string> ProductIds);

public partial interface ILiveHub
{
    /// <summary>The stream's host pins a showcase product; <paramref name="durationSeconds"/> null for an open pin.</summary>
    Task<PinDto> PinProduct(string streamId, string productId, int? durationSeconds);

    Task UnpinProduct(string streamId, string productId);
}

public partial interface ILiveClient
{
    Task ProductPinned(ProductPinned e);

    Task ProductUnpinned(ProductUnpinned e);
}

public sealed partial record StreamSnapshot
{
    /// <summary>Current pins, oldest first; the first is featured.</summary>
    public IReadOnlyList<PinDto> Pins { get; init; } = [];
}

/// <summary>
/// One line of a replay archive (gzip JSON lines). The first line has <see cref="Type"/> <c>"replay"</c>
/// and the stream in <see cref="Stream"/>; each further line is one live event at <see cref="OffsetMs"/>
/// after the stream started, with the event as sent live in <see cref="Event"/>.
/// </summary>
public sealed record ReplayLine(string Type, long OffsetMs, long Seq, StreamDto? Stream, System.Text.Json.JsonElement? Event)
{
    /// <summary>
    /// First line only: where the recording plays (MP4 with Range support), null until it is stored.
    /// Filled when the replay is served, not when it is archived: the recording lands after the stream ends.
    /// </summary>
    public string? VideoUrl { get; init; }

    /// <summary>First line only: where the recording stands (see <see cref="ReplayVideoStatus"/>).</summary>
    public ReplayVideoStatus? Video { get; init; }
}

/// <summary>The replay's recorded video.</summary>
public enum ReplayVideoStatus
{
    /// <summary>The stream was not broadcast through the server's video engine: nothing was recorded (a pasted playback URL, or the demo clip).</summary>
    None,

    /// <summary>Recorded; not stored yet (the encoder's last session is closing, the remux runs, or media storage is down and the upload is retried).</summary>
    Pending,

    /// <summary>Stored: <see cref="ReplayLine.VideoUrl"/> plays it.</summary>
    Ready,

    /// <summary>The recording could not be turned into MP4; the server keeps it for an operator.</summary>
    Failed,
}
