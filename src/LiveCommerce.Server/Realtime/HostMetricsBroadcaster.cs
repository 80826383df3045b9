using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Attribution;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Coalesces "a stream's totals or audience changed" into at most one <see cref="HostMetricsChanged"/> per
/// stream every 500 ms, read from the projected totals and the audience, sent to the host's connections (Clients.User).
/// </summary>
public sealed class HostMetricsBroadcaster(
    IHubContext<LiveHub, ILiveClient> hub,
    IEarningsStore store,
    IAudienceStore audience,
    TimeProvider clock,
    ILogger<HostMetricsBroadcaster> logger) : PeriodicWork(clock, logger), IHostMetricsNotifier
{
    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<(string Host, string Stream), DateOnly> _dirty = new();

    // The host of each stream watched on this node (learnt from joins), so a new peak can reach her; dropped when nobody watches.
    private readonly ConcurrentDictionary<string, string> _hosts = new(StringComparer.Ordinal);

    public void StreamChanged(string hostId, string streamId, DateOnly day)
    {
        _hosts[streamId] = hostId;
        _dirty[(hostId, streamId)] = day;
    }

    public void ViewersCounted(string streamId, long viewers, DateOnly day)
    {
        if (viewers == 0 ? _hosts.TryRemove(streamId, out var host) : _hosts.TryGetValue(streamId, out host))
        {
            _dirty[(host, streamId)] = day;
        }
    }

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        foreach (var key in _dirty.Keys)
        {
            if (!_dirty.TryRemove(key, out var day))
            {
                continue;
            }

            var bucket = AttributionRules.InfluencerBucket(key.Host, day);
            var dimension = $"stream:{key.Stream}";
            // Three independent reads, sent together.
            var fieldsRead = store.ReadAsync([bucket], ct);
            var viewersRead = audience.CountViewersAsync([[new StreamDay(key.Stream, day)]], ct);
            var buyersRead = audience.CountBuyersAsync([[AttributionRules.Cell(bucket, dimension)]], ct);
            await Task.WhenAll(fieldsRead, viewersRead, buyersRead);
            var fields = (await fieldsRead)[0];
            var viewers = (await viewersRead)[0];
            var buyers = (await buyersRead)[0];
            var prefix = dimension + "|";
            var mine = fields.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(f => f.Key[prefix.Length..], f => f.Value);
            List<Money> Money(string metric) => mine.Where(m => m.Key.StartsWith(metric, StringComparison.Ordinal))
                .Select(m => new Money(AttributionRules.FromMinor(m.Value, m.Key[metric.Length..]), m.Key[metric.Length..])).ToList();
            await hub.Clients.User(key.Host).HostMetricsChanged(new HostMetricsChanged(
                key.Stream, mine.GetValueOrDefault("orders"), mine.GetValueOrDefault("units"), Money("gmv:"), Money("comm:"), Clock.GetUtcNow(),
                buyers, viewers.UniqueViewers, viewers.PeakViewers, AttributionRules.Conversion(buyers, viewers.UniqueViewers)));
        }
    }
}
