using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Comments;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process reaction tally with the same once-per-window claim as reactions_claim.lua.</summary>
public sealed class LocalReactionTally(TimeProvider clock) : IReactionTally
{
    private readonly ConcurrentDictionary<string, Tally> _streams = new();

    public Task AddAsync(string streamId, IReadOnlyList<int> counts, CancellationToken ct = default)
    {
        var t = _streams.GetOrAdd(streamId, _ => new Tally());
        lock (t)
        {
            for (var i = 0; i < counts.Count; i++)
            {
                t.Counts[i] += counts[i];
            }
        }

        return Task.CompletedTask;
    }

    public Task<int[]?> ClaimAsync(string streamId, TimeSpan window, CancellationToken ct = default)
    {
        var t = _streams.GetOrAdd(streamId, _ => new Tally());
        var now = clock.GetUtcNow();
        lock (t)
        {
            if (now < t.LockedUntil)
            {
                return Task.FromResult(t.Counts.All(n => n == 0) ? new int[ReactionKinds.All.Count] : null);
            }

            t.LockedUntil = now + window;
            var claimed = t.Counts;
            t.Counts = new int[ReactionKinds.All.Count];
            return Task.FromResult<int[]?>(claimed);
        }
    }

    private sealed class Tally
    {
        public int[] Counts { get; set; } = new int[ReactionKinds.All.Count];

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
