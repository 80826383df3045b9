using LiveCommerce.Server.Features.Attribution;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process twin of RedisEarningsStore: one lock makes apply/reverse atomic.</summary>
public sealed class LocalEarningsStore : IEarningsStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IReadOnlyList<ProjectionDelta>> _applied = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reversed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _buckets = new(StringComparer.Ordinal);
    private string? _checkpoint;

    public Task<bool> ApplyOrderAsync(string orderId, IReadOnlyList<ProjectionDelta> deltas, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (!_applied.TryAdd(orderId, deltas.ToList()))
            {
                return Task.FromResult(false);
            }

            Add(deltas, 1);
            return Task.FromResult(true);
        }
    }

    public Task<ReversalOutcome> ApplyReversalAsync(string orderId, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (!_applied.TryGetValue(orderId, out var deltas))
            {
                return Task.FromResult(ReversalOutcome.NotProjected);
            }

            if (!_reversed.Add(orderId))
            {
                return Task.FromResult(ReversalOutcome.AlreadyReversed);
            }

            Add(deltas, -1);
            return Task.FromResult(ReversalOutcome.Reversed);
        }
    }

    public Task<IReadOnlyList<IReadOnlyDictionary<string, long>>> ReadAsync(IReadOnlyList<string> buckets, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<IReadOnlyDictionary<string, long>>>(buckets.Select(b =>
                (IReadOnlyDictionary<string, long>)(_buckets.TryGetValue(b, out var fields)
                    ? new Dictionary<string, long>(fields, StringComparer.Ordinal)
                    : new Dictionary<string, long>(StringComparer.Ordinal))).ToList());
        }
    }

    public Task<string?> GetCheckpointAsync(CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_checkpoint);
        }
    }

    public Task SetCheckpointAsync(string position, CancellationToken ct = default)
    {
        lock (_lock)
        {
            _checkpoint = position;
        }

        return Task.CompletedTask;
    }

    private void Add(IEnumerable<ProjectionDelta> deltas, int sign)
    {
        foreach (var d in deltas)
        {
            if (!_buckets.TryGetValue(d.Bucket, out var fields))
            {
                _buckets[d.Bucket] = fields = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            fields[d.Field] = fields.GetValueOrDefault(d.Field) + (sign * d.Amount);
        }
    }
}

public sealed class LocalShareLinkStore : IShareLinkStore
{
    private const int KeepTouches = 50;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ShareLink> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Touch>> _touches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    public Task<bool> TryCreateAsync(ShareLink link, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_links.TryAdd(link.Code, link));
        }
    }

    public Task<ShareLink?> GetAsync(string code, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_links.GetValueOrDefault(code));
        }
    }

    public Task RecordTouchAsync(string viewerKey, Touch touch, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (!_touches.TryGetValue(viewerKey, out var list))
            {
                _touches[viewerKey] = list = [];
            }

            if (list.Contains(touch))
            {
                return Task.CompletedTask;
            }

            list.Add(touch);
            list.Sort((a, b) => a.At.CompareTo(b.At));
            if (list.Count > KeepTouches)
            {
                list.RemoveRange(0, list.Count - KeepTouches);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Touch>> TouchesAsync(string viewerKey, DateTimeOffset before, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Touch>>(_touches.TryGetValue(viewerKey, out var list)
                ? list.Where(t => t.At.ToUnixTimeMilliseconds() <= before.ToUnixTimeMilliseconds()).OrderByDescending(t => t.At).ToList()
                : []);
        }
    }

    public Task<string> ClaimVisitorAsync(string visitorKey, string userId, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_owners.TryAdd(visitorKey, userId) ? userId : _owners[visitorKey]);
        }
    }

    public Task RemoveTouchesAsync(string viewerKey, IReadOnlyList<Touch> touches, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (_touches.TryGetValue(viewerKey, out var list))
            {
                list.RemoveAll(touches.Contains);
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>In-process twin of RedisAudienceStore: exact sets (the Redis one estimates within 0.81 %).</summary>
public sealed class LocalAudienceStore : IAudienceStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<StreamDay, HashSet<string>> _viewers = [];
    private readonly Dictionary<(string Host, DateOnly Day), HashSet<string>> _hosted = [];
    private readonly Dictionary<StreamDay, long> _peaks = [];
    private readonly Dictionary<string, HashSet<string>> _buyers = new(StringComparer.Ordinal);

    public Task RecordViewerAsync(string streamId, string hostId, DateOnly day, string viewerId, CancellationToken ct = default)
    {
        lock (_lock)
        {
            SetOf(_viewers, new StreamDay(streamId, day)).Add(viewerId);
            SetOf(_hosted, (hostId, day)).Add(streamId);
        }

        return Task.CompletedTask;
    }

    public Task RecordConcurrentAsync(string streamId, DateOnly day, long viewers, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var key = new StreamDay(streamId, day);
            _peaks[key] = Math.Max(_peaks.GetValueOrDefault(key), viewers);
        }

        return Task.CompletedTask;
    }

    public Task RecordBuyerAsync(IReadOnlyList<string> cells, string buyerId, CancellationToken ct = default)
    {
        lock (_lock)
        {
            foreach (var cell in cells)
            {
                SetOf(_buyers, cell).Add(buyerId);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StreamDay>> HostedAsync(string hostId, IReadOnlyList<DateOnly> days, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StreamDay>>(days
                .SelectMany(d => _hosted.TryGetValue((hostId, d), out var streams) ? streams.Select(s => new StreamDay(s, d)) : []).ToList());
        }
    }

    public Task<IReadOnlyList<AudienceCount>> CountViewersAsync(IReadOnlyList<IReadOnlyList<StreamDay>> groups, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AudienceCount>>(groups.Select(g => new AudienceCount(
                g.SelectMany(sd => _viewers.GetValueOrDefault(sd) ?? []).Distinct(StringComparer.Ordinal).LongCount(),
                g.Select(sd => _peaks.GetValueOrDefault(sd)).DefaultIfEmpty().Max())).ToList());
        }
    }

    public Task<IReadOnlyList<long>> CountBuyersAsync(IReadOnlyList<IReadOnlyList<string>> groups, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<long>>(groups.Select(g =>
                g.SelectMany(c => _buyers.GetValueOrDefault(c) ?? []).Distinct(StringComparer.Ordinal).LongCount()).ToList());
        }
    }

    private static HashSet<string> SetOf<TKey>(Dictionary<TKey, HashSet<string>> sets, TKey key)
        where TKey : notnull
    {
        if (!sets.TryGetValue(key, out var set))
        {
            sets[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        return set;
    }
}
