using LiveCommerce.Contracts;
using LiveCommerce.Contracts.Sequencing;

namespace LiveCommerce.UnitTests.Realtime;

public sealed class SeqGateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static StreamStarted E(long seq) => new() { StreamId = "s", Seq = seq };

    [Fact]
    public void Releases_in_order_drops_duplicates_and_holds_early_arrivals()
    {
        var gate = new SeqGate();
        gate.Reset(3);
        Assert.Empty(gate.Offer(E(3), T0));
        Assert.Empty(gate.Offer(E(5), T0));
        Assert.Empty(gate.Offer(E(6), T0));
        Assert.Equal([4L, 5, 6], gate.Offer(E(4), T0).Select(e => e.Seq));
        Assert.Empty(gate.Offer(E(5), T0));
        Assert.Equal(6, gate.Last);
    }

    [Fact]
    public void Reports_a_gap_only_after_it_has_waited_longer_than_the_patience()
    {
        var gate = new SeqGate();
        gate.Offer(E(2), T0);
        Assert.False(gate.GapOlderThan(TimeSpan.FromSeconds(2), T0.AddSeconds(1)));
        Assert.True(gate.GapOlderThan(TimeSpan.FromSeconds(2), T0.AddSeconds(3)));
        gate.Offer(E(1), T0.AddSeconds(3));
        Assert.False(gate.GapOlderThan(TimeSpan.FromSeconds(2), T0.AddSeconds(10)));
    }

    [Fact]
    public void A_head_beyond_the_last_seq_is_a_gap_that_the_missing_events_close()
    {
        var gate = new SeqGate();
        gate.Reset(2);
        gate.Heard(2, T0);
        Assert.False(gate.GapOlderThan(TimeSpan.FromSeconds(2), T0.AddSeconds(10)));

        gate.Heard(4, T0);
        Assert.False(gate.GapOlderThan(TimeSpan.FromSeconds(2), T0.AddSeconds(1)));
        Assert.True(gate.GapOlderThan(TimeSpan.FromSeconds(2), T0.AddSeconds(3)));
        gate.Heard(3, T0.AddSeconds(3)); // an older head does not lower what is known
        Assert.Equal([3L], gate.Offer(E(3), T0.AddSeconds(3)).Select(e => e.Seq));
        Assert.True(gate.GapOlderThan(TimeSpan.FromSeconds(2), T0.AddSeconds(3)));
        Assert.Equal([4L], gate.Offer(E(4), T0.AddSeconds(3)).Select(e => e.Seq));
        Assert.False(gate.GapOlderThan(TimeSpan.FromSeconds(2), T0.AddSeconds(10)));
    }

    [Fact]
    public void A_snapshot_from_a_restarted_log_forgets_the_old_head()
    {
        var gate = new SeqGate();
        gate.Reset(500);
        gate.Heard(510, T0);
        gate.Reset(3); // the log restarted: seq 510 will never come
        Assert.False(gate.GapOlderThan(TimeSpan.FromSeconds(2), T0.AddSeconds(10)));
    }

    [Fact]
    public void A_snapshot_reset_discards_what_it_already_covers()
    {
        var gate = new SeqGate();
        gate.Offer(E(5), T0);
        gate.Offer(E(9), T0);
        gate.Reset(7);
        Assert.Equal([8L, 9], gate.Offer(E(8), T0).Select(e => e.Seq));
    }

    [Fact]
    public void Shuffled_concurrent_delivery_with_duplicates_releases_each_seq_once_in_order()
    {
        var gate = new SeqGate();
        var random = new Random(12345);
        var arrivals = Enumerable.Range(1, 2000).SelectMany(i => new[] { i, i }).OrderBy(_ => random.Next()).ToArray();
        var released = new System.Collections.Concurrent.ConcurrentQueue<long>();
        Parallel.ForEach(arrivals, seq =>
        {
            foreach (var e in gate.Offer(E(seq), T0))
            {
                released.Enqueue(e.Seq);
            }
        });
        Assert.Equal(2000, released.Count);
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (long)i), released.Order());
    }
}
