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
public sealed record ReplayLine(string Type, long OffsetMs, long Seq, StreamDto? Stream, System.Text.Json.JsonElement? Event);
