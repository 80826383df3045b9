using LiveCommerce.Contracts;
using LiveCommerce.Client.Realtime;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

public sealed class StreamSubscriptionsTests
{
    private readonly StreamSubscriptions _subs = new(TimeSpan.FromSeconds(2));

    private void JoinedAt(long seq)
    {
        Assert.True(_subs.Track("s1"));
        var ticket = _subs.BeginJoin("s1")!;
        Assert.Null(ticket.LastSeq);
        Assert.NotNull(_subs.CompleteJoin(ticket, Snapshot(seq), T0));
    }

    [Fact]
    public void Watchers_are_counted_and_only_the_first_joins_and_the_last_leaves()
    {
        Assert.True(_subs.Track("s1"));
        Assert.False(_subs.Track("s1"));
        Assert.False(_subs.Release("s1"));
        Assert.True(_subs.Release("s1"));
        Assert.False(_subs.IsTracked("s1"));
    }

    [Fact]
    public void Events_apply_once_and_in_seq_order()
    {
        JoinedAt(5);
        Assert.Null(_subs.Offer(Pinned(7, "b"), T0));     // early: held
        var update = _subs.Offer(Pinned(6, "a"), T0)!;   // fills the gap: both apply
        Assert.Equal([6L, 7L], update.Applied.Select(e => e.Seq));
        Assert.Null(_subs.Offer(Pinned(6, "a"), T0));     // duplicate
        Assert.Equal(["a", "b"], _subs.Get("s1")!.Pins.Select(p => p.ProductId));
    }

    [Fact]
    public void Events_arriving_during_a_join_are_held_and_those_in_the_snapshot_dropped()
    {
        Assert.True(_subs.Track("s1"));
        var ticket = _subs.BeginJoin("s1")!;
        Assert.Null(_subs.Offer(Pinned(3, "old"), T0));   // already in the snapshot (seq 3)
        Assert.Null(_subs.Offer(Pinned(4, "new"), T0));   // after it

        var update = _subs.CompleteJoin(ticket, Snapshot(3, pins: [Pin("old")]), T0)!;
        Assert.Equal([4L], update.Applied.Select(e => e.Seq));
        Assert.Equal(["old", "new"], update.State.Pins.Select(p => p.ProductId));
    }

    [Fact]
    public void A_rejoin_resumes_from_the_last_applied_seq_and_keeps_the_state()
    {
        JoinedAt(2);
        _subs.Offer(Pinned(3, "a"), T0);
        Assert.Single(_subs.MarkAllUnsynced());
        Assert.False(_subs.Get("s1")!.Synced);

        var ticket = _subs.BeginJoin("s1")!;
        Assert.Equal(3, ticket.LastSeq);
        _subs.Offer(Pinned(4, "b"), T0);                  // replayed before the answer
        var update = _subs.CompleteJoin(ticket, Snapshot(3, caughtUp: true), T0)!;
        Assert.True(update.State.Synced);
        Assert.Equal(["a", "b"], update.State.Pins.Select(p => p.ProductId));
    }

    [Fact]
    public void A_gap_that_stays_open_asks_for_a_rejoin()
    {
        JoinedAt(1);
        _subs.Offer(Pinned(3, "late"), T0);
        Assert.Empty(_subs.OverdueGaps(T0.AddSeconds(1)));
        Assert.Equal(["s1"], _subs.OverdueGaps(T0.AddSeconds(3)));
    }

    [Fact]
    public void A_head_beyond_the_last_applied_seq_asks_for_a_rejoin_unless_the_events_arrive_in_time()
    {
        JoinedAt(1);
        _subs.Heard(new StreamHead("s1", 1), T0);
        Assert.Empty(_subs.OverdueGaps(T0.AddSeconds(10))); // not behind: nothing to fetch

        _subs.Heard(new StreamHead("s1", 3), T0);
        _subs.Offer(Pinned(2, "a"), T0.AddSeconds(1));
        Assert.Empty(_subs.OverdueGaps(T0.AddSeconds(1)));
        Assert.Equal(["s1"], _subs.OverdueGaps(T0.AddSeconds(3))); // seq 3 never came: lost with nothing after it

        _subs.Offer(Pinned(3, "b"), T0.AddSeconds(3));
        Assert.Empty(_subs.OverdueGaps(T0.AddSeconds(10)));
    }

    [Fact]
    public void After_invalid_last_seq_the_next_join_asks_for_a_full_snapshot()
    {
        JoinedAt(9);
        _subs.RequireFullSnapshot("s1");
        Assert.Null(_subs.BeginJoin("s1")!.LastSeq);
    }

    [Fact]
    public void A_final_join_error_is_kept_and_not_retried()
    {
        Assert.True(_subs.Track("s1"));
        var ticket = _subs.BeginJoin("s1")!;
        var update = _subs.FailJoin(ticket, "stream_not_found", T0)!;
        Assert.Equal("stream_not_found", update.State.Error);
        Assert.Null(_subs.BeginJoin("s1"));
    }

    [Fact]
    public void Reaction_tallies_reach_only_watched_streams()
    {
        JoinedAt(1);
        Assert.Equal(2, _subs.Apply(new Contracts.ReactionsTallied("s1", 2, 0, 0, 0, 0))!.Reactions.Heart);
        Assert.Null(_subs.Apply(new Contracts.ReactionsTallied("other", 2, 0, 0, 0, 0)));
    }
}
