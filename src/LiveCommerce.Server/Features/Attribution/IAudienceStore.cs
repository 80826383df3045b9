namespace LiveCommerce.Server.Features.Attribution;

/// <summary>One stream on one UTC day: the unit audiences are kept in.</summary>
public readonly record struct StreamDay(string StreamId, DateOnly Day);

/// <summary>Distinct viewers across some stream-days, and the highest concurrent count among them.</summary>
public sealed record AudienceCount(long UniqueViewers, long PeakViewers);

/// <summary>
/// Who watched and who bought, for the reports' unique viewers, peak concurrent viewers and conversion.
/// Distinct counts: exact in process, HyperLogLog on Redis (standard error 0.81 %, bounded memory per
/// stream-day however big the crowd). Recording is idempotent, so a retry or a replay counts nobody twice.
/// Both adapters pass AudienceStoreContract.
/// </summary>
public interface IAudienceStore
{
    /// <summary>A viewer joined <paramref name="streamId"/>, hosted by <paramref name="hostId"/>, on <paramref name="day"/>.</summary>
    Task RecordViewerAsync(string streamId, string hostId, DateOnly day, string viewerId, CancellationToken ct = default);

    /// <summary>The stream's concurrent viewers at one moment of the day; the day's highest is kept.</summary>
    Task RecordConcurrentAsync(string streamId, DateOnly day, long viewers, CancellationToken ct = default);

    /// <summary>The buyer of an order, in each report cell ("{bucket}|{dimension}") the order counts in.</summary>
    Task RecordBuyerAsync(IReadOnlyList<string> cells, string buyerId, CancellationToken ct = default);

    /// <summary>The streams the host had viewers in on each of the days.</summary>
    Task<IReadOnlyList<StreamDay>> HostedAsync(string hostId, IReadOnlyList<DateOnly> days, CancellationToken ct = default);

    /// <summary>Per group of stream-days: distinct viewers across the group, and its highest peak.</summary>
    Task<IReadOnlyList<AudienceCount>> CountViewersAsync(IReadOnlyList<IReadOnlyList<StreamDay>> groups, CancellationToken ct = default);

    /// <summary>Per group of cells: distinct buyers across the group.</summary>
    Task<IReadOnlyList<long>> CountBuyersAsync(IReadOnlyList<IReadOnlyList<string>> groups, CancellationToken ct = default);
}
