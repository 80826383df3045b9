namespace LiveCommerce.Server.Features.Attribution;

/// <summary>Told when a stream's attributed totals or audience changed; pushes the host's live metrics (coalesced).</summary>
public interface IHostMetricsNotifier
{
    void StreamChanged(string hostId, string streamId, DateOnly day);

    /// <summary>A new concurrent count (peak) was recorded for a stream watched on this node.</summary>
    void ViewersCounted(string streamId, long viewers, DateOnly day);
}
