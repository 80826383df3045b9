using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Comments;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Counts reaction taps in memory, and once per window adds this node's counts to the shared
/// tally; one node per window claims the cluster-wide sum and sends one unsequenced
/// <see cref="ReactionsTallied"/> to the stream's group. A stream stays on this node's list until
/// a claim finds nothing pending, so counts added just after another node's claim still go out.
/// </summary>
public sealed class ReactionTallier(
    IHubContext<LiveHub, ILiveClient> hub,
    IReactionTally tally,
    IOptions<CommentOptions> options,
    TimeProvider clock,
    ILogger<ReactionTallier> logger) : PeriodicWork(clock, logger), IReactionCounter
{
    protected override TimeSpan Interval => options.Value.BatchWindow;

    private readonly Lock _lock = new();
    private Dictionary<string, int[]> _counts = [];
    private readonly HashSet<string> _dirty = [];
    private ConcurrentDictionary<string, int> _perViewer = new();
    private long _perViewerSecond;

    public bool TryAdd(string streamId, string userId, int kindIndex)
    {
        var second = Clock.GetUtcNow().ToUnixTimeSeconds();
        if (Interlocked.Exchange(ref _perViewerSecond, second) != second)
        {
            _perViewer = new(); // a fixed one-second window per viewer on this node
        }

        // Per viewer across streams, so rotating stream ids does not multiply the budget.
        if (_perViewer.AddOrUpdate(userId, 1, (_, n) => n + 1) > options.Value.ReactionsPerSecond)
        {
            return false;
        }

        lock (_lock)
        {
            if (!_counts.TryGetValue(streamId, out var counts))
            {
                _counts[streamId] = counts = new int[ReactionKinds.All.Count];
            }

            counts[kindIndex]++;
        }

        return true;
    }

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        Dictionary<string, int[]> counts;
        string[] dirty;
        lock (_lock)
        {
            counts = _counts;
            _counts = [];
            _dirty.UnionWith(counts.Keys);
            dirty = [.. _dirty];
        }

        await Task.WhenAll(counts.Select(c => tally.AddAsync(c.Key, c.Value, ct)));
        await Task.WhenAll(dirty.Select(async streamId =>
        {
            var claimed = await tally.ClaimAsync(streamId, Interval, ct);
            if (claimed is null)
            {
                return; // another node holds this window; try again next tick
            }

            if (claimed.All(n => n == 0))
            {
                lock (_lock)
                {
                    _dirty.Remove(streamId);
                }

                return;
            }

            await hub.Clients.Group(LiveHub.Group(streamId)).ReactionsTallied(
                new ReactionsTallied(streamId, claimed[0], claimed[1], claimed[2], claimed[3], claimed[4]));
        }));
    }
}
