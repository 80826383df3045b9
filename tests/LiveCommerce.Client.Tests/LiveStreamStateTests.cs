using LiveCommerce.Client.Realtime;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

public sealed class LiveStreamStateTests
{
    private static LiveStreamState Joined(StreamSnapshot snapshot) => new LiveStreamState { StreamId = "s1" }.WithSnapshot(snapshot, T0.AddSeconds(-2));

    [Fact]
    public void A_snapshot_brings_pins_comments_announcement_slow_mode_and_the_server_clock()
    {
        var state = Joined(Snapshot(7, pins: [Pin("a")], comments: [Comment("c1")]) with
        {
            Announcement = Comment("ann", "Free shipping", CommentKind.Announcement),
            SlowModeSeconds = 5,
        });

        Assert.Equal(["a"], state.Pins.Select(p => p.ProductId));
        Assert.Equal(["c1"], state.Comments.Select(c => c.Id));
        Assert.Equal("Free shipping", state.Announcement?.Text);
        Assert.Equal(5, state.SlowModeSeconds);
        Assert.Equal(TimeSpan.FromSeconds(2), state.ServerClockOffset);
        Assert.True(state.Synced);
    }

    [Fact]
    public void Pins_are_added_in_order_and_removed_by_pin_id()
    {
        var state = Joined(Snapshot(1, pins: [Pin("a")]))
            .Apply(Pinned(2, "b"))
            .Apply(Pinned(3, "c"));
        Assert.Equal(["a", "b", "c"], state.Pins.Select(p => p.ProductId));

        state = state.Apply(new ProductUnpinned { StreamId = "s1", Seq = 4, ProductId = "a", PinId = "pin-a", Reason = "expired" });
        Assert.Equal(["b", "c"], state.Pins.Select(p => p.ProductId)); // b is featured now
        Assert.Equal(4, state.Seq);

        // An unpin of an older pin of the same product (already replaced) changes nothing.
        Assert.Equal(state.Pins, state.Apply(new ProductUnpinned { StreamId = "s1", Seq = 5, ProductId = "b", PinId = "old", Reason = "host" }).Pins);
    }

    [Fact]
    public void Ending_the_stream_clears_its_pins()
    {
        var state = Joined(Snapshot(1, pins: [Pin("a")])).Apply(new StreamEnded { StreamId = "s1", Seq = 2, EndedAt = T0 });
        Assert.Empty(state.Pins);
        Assert.Equal(StreamStatus.Ended, state.Status);
    }

    [Fact]
    public void Comments_append_without_duplicates_keep_the_newest_and_disappear_when_removed()
    {
        var state = Joined(Snapshot(1, comments: [Comment("c1")]))
            .Apply(Comments(2, Comment("c1"), Comment("c2")));
        Assert.Equal(["c1", "c2"], state.Comments.Select(c => c.Id));

        state = state.Apply(new CommentRemoved { StreamId = "s1", Seq = 3, CommentId = "c1" });
        Assert.Equal(["c2"], state.Comments.Select(c => c.Id));

        var flood = Enumerable.Range(0, LiveStreamState.MaxComments + 20).Select(i => Comment($"f{i:000}")).ToArray();
        state = state.Apply(Comments(4, flood));
        Assert.Equal(LiveStreamState.MaxComments, state.Comments.Count);
        Assert.Equal(flood[^1].Id, state.Comments[^1].Id);
    }

    [Fact]
    public void A_marked_question_is_flagged_in_the_chat_and_listed_once()
    {
        var question = Comment("q1", "Does it come in blue?");
        var marked = new QuestionMarked { StreamId = "s1", Seq = 3, Comment = question with { IsQuestion = true } };
        var state = Joined(Snapshot(1)).Apply(Comments(2, question)).Apply(marked).Apply(marked with { Seq = 4 });

        Assert.True(state.Comments.Single().IsQuestion);
        Assert.Equal(["q1"], state.Questions.Select(q => q.Id));
    }

    [Fact]
    public void Announcement_and_slow_mode_follow_their_events()
    {
        var state = Joined(Snapshot(1))
            .Apply(new AnnouncementPinned { StreamId = "s1", Seq = 2, Comment = Comment("a", "Sale at 8", CommentKind.Announcement) })
            .Apply(new SlowModeChanged { StreamId = "s1", Seq = 3, Seconds = 30 });
        Assert.Equal("Sale at 8", state.Announcement?.Text);
        Assert.Equal(30, state.SlowModeSeconds);

        state = state.Apply(new AnnouncementPinned { StreamId = "s1", Seq = 4, Comment = null });
        Assert.Null(state.Announcement);
    }

    [Fact]
    public void Reaction_tallies_add_up()
    {
        var state = Joined(Snapshot(1))
            .Apply(new ReactionsTallied("s1", 2, 1, 0, 0, 0))
            .Apply(new ReactionsTallied("s1", 3, 0, 0, 0, 4));
        Assert.Equal(5, state.Reactions.Of(ReactionKinds.Heart));
        Assert.Equal(1, state.Reactions.Of(ReactionKinds.Fire));
        Assert.Equal(4, state.Reactions.Of(ReactionKinds.Clap));
    }

    [Fact]
    public void A_resumed_join_keeps_what_the_events_built()
    {
        var state = Joined(Snapshot(1)).Apply(Pinned(2, "a"));

        // The catch-up answer carries an older view of pins; the events already applied win.
        var resumed = state.WithCatchUp(Snapshot(1, caughtUp: true), T0);
        Assert.Equal(["a"], resumed.Pins.Select(p => p.ProductId));
        Assert.Equal(TimeSpan.Zero, resumed.ServerClockOffset);
    }

    [Fact]
    public void Host_metrics_keep_the_newest_push()
    {
        var newer = new HostMetricsChanged("s1", 3, 4, [new Money(30m, "USD")], [new Money(4.5m, "USD")], T0.AddSeconds(2));
        var older = newer with { Orders = 2, At = T0.AddSeconds(1) };
        var state = Joined(Snapshot(1)).Apply(newer).Apply(older);
        Assert.Equal(3, state.HostMetrics?.Orders);
    }

    [Fact]
    public void The_host_reconnecting_follows_the_snapshot_and_the_encoder_events()
    {
        var joinedMeanwhile = Joined(Snapshot(1) with { ReconnectingUntil = T0.AddSeconds(60) });
        Assert.True(joinedMeanwhile.HostReconnecting);
        Assert.Equal(T0.AddSeconds(60), joinedMeanwhile.ReconnectingUntil);

        var state = Joined(Snapshot(1));
        Assert.False(state.HostReconnecting);

        state = state.Apply(new StreamReconnecting { StreamId = "s1", Seq = 2, EndsAt = T0.AddSeconds(30) });
        Assert.True(state.HostReconnecting);
        Assert.Equal(T0.AddSeconds(30), state.ReconnectingUntil);

        state = state.Apply(new StreamResumed { StreamId = "s1", Seq = 3 });
        Assert.False(state.HostReconnecting);
        Assert.Null(state.ReconnectingUntil);
        Assert.Equal(StreamStatus.Live, state.Status);
    }

    [Fact]
    public void A_stream_that_ends_while_the_host_is_away_is_ended_not_reconnecting()
    {
        var state = Joined(Snapshot(1))
            .Apply(new StreamReconnecting { StreamId = "s1", Seq = 2, EndsAt = T0.AddSeconds(30) })
            .Apply(new StreamEnded { StreamId = "s1", Seq = 3, EndedAt = T0.AddSeconds(30) });

        Assert.False(state.HostReconnecting);
        Assert.Null(state.ReconnectingUntil);
        Assert.Equal(StreamStatus.Ended, state.Status);
    }

    [Fact]
    public void A_resumed_join_leaves_reconnecting_to_the_events_it_replayed()
    {
        // The missed StreamReconnecting was replayed before the catch-up answer; the answer's own
        // (possibly older) view must not undo it, nor a fresh one put back what StreamResumed cleared.
        var away = Joined(Snapshot(1)).Apply(new StreamReconnecting { StreamId = "s1", Seq = 2, EndsAt = T0.AddSeconds(30) });
        Assert.True(away.WithCatchUp(Snapshot(2, caughtUp: true), T0).HostReconnecting);

        var back = away.Apply(new StreamResumed { StreamId = "s1", Seq = 3 });
        Assert.False(back.WithCatchUp(Snapshot(2, caughtUp: true) with { ReconnectingUntil = T0.AddSeconds(30) }, T0).HostReconnecting);

        // A fresh snapshot (the log could not replay) is the whole truth.
        Assert.False(away.WithSnapshot(Snapshot(9), T0).HostReconnecting);
    }

    [Fact]
    public void Reconnecting_shows_only_on_a_live_stream()
    {
        var upcoming = new LiveStreamState { StreamId = "s1" }.WithSnapshot(Snapshot(1) with
        {
            Stream = Stream(status: StreamStatus.Upcoming),
            ReconnectingUntil = T0.AddSeconds(30),
        }, T0);
        Assert.False(upcoming.HostReconnecting);

        var started = Joined(Snapshot(1) with { Stream = Stream(status: StreamStatus.Upcoming) })
            .Apply(new StreamReconnecting { StreamId = "s1", Seq = 2, EndsAt = T0.AddSeconds(30) })
            .Apply(new StreamStarted { StreamId = "s1", Seq = 3, StartedAt = T0 });
        Assert.False(started.HostReconnecting);
    }
}
