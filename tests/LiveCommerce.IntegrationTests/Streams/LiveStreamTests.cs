using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Realtime;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.IntegrationTests.Streams;

/// <summary>Live events across two nodes: sequencing, fan-out through the backplane, and resuming.</summary>
public sealed class LiveStreamTests(Cluster cluster) : IClassFixture<Cluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(WireProtocol.Json)]
    [InlineData(WireProtocol.MessagePack)]
    public async Task Viewer_on_node_A_receives_StreamStarted_when_the_host_goes_live_through_node_B(WireProtocol protocol)
    {
        var stream = await Cluster.ScheduleAsync(cluster.B);
        await using var viewer = await cluster.A.ViewerAsync(protocol: protocol);
        var snapshot = await viewer.JoinAsync(stream.Id);
        Assert.Equal(StreamStatus.Upcoming, snapshot.Stream.Status);
        Assert.Equal(0, snapshot.Seq);

        await using var host = await cluster.B.ViewerAsync("mia", protocol);
        var live = await host.Hub.StartStream(stream.Id);
        Assert.Equal(StreamStatus.Live, live.Status);

        await viewer.WaitUntilAsync(v => v.Events(stream.Id).Count == 1, Patience, "StreamStarted on node A");
        var started = Assert.IsType<StreamStarted>(viewer.Events(stream.Id)[0]);
        Assert.Equal(1, started.Seq);
        Assert.Equal(stream.Id, started.StreamId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rejoining_with_lastSeq_delivers_exactly_the_missed_events_in_order(bool otherNode)
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        long lastSeen;
        await using (var first = await cluster.A.ViewerAsync(reconnect: false))
        {
            await first.JoinAsync(stream.Id);
            await Cluster.UpdateTitleAsync(cluster.B, stream.Id, "seen");
            await first.WaitUntilAsync(v => v.LastSeq(stream.Id) == 1, Patience, "the first event");
            lastSeen = first.LastSeq(stream.Id);
        }

        // While the viewer is away: three more events, through both nodes.
        await Cluster.UpdateTitleAsync(cluster.A, stream.Id, "missed 1");
        await Cluster.UpdateTitleAsync(cluster.B, stream.Id, "missed 2");
        await Cluster.UpdateTitleAsync(cluster.A, stream.Id, "missed 3");

        await using var back = await (otherNode ? cluster.B : cluster.A).ViewerAsync(reconnect: false);
        var snapshot = await back.JoinAsync(stream.Id, lastSeen);
        Assert.True(snapshot.CaughtUp);
        Assert.Equal(4, snapshot.Seq);
        await back.WaitUntilAsync(v => v.LastSeq(stream.Id) == 4, Patience, "the missed events");

        // And live from there on, with nothing duplicated.
        await Cluster.UpdateTitleAsync(cluster.B, stream.Id, "live again");
        await back.WaitUntilAsync(v => v.LastSeq(stream.Id) == 5, Patience, "the next live event");
        var events = back.Events(stream.Id);
        Assert.Equal([2L, 3, 4, 5], events.Select(e => e.Seq));
        Assert.Equal(["missed 1", "missed 2", "missed 3", "live again"], events.Cast<StreamUpdated>().Select(e => e.Stream.Title));
    }

    [Fact]
    public async Task Many_events_from_both_nodes_reach_viewers_on_both_nodes_gap_free()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var onA = await cluster.A.ViewerAsync(protocol: WireProtocol.MessagePack);
        await using var onB = await cluster.B.ViewerAsync();
        await onA.JoinAsync(stream.Id);
        await onB.JoinAsync(stream.Id);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Cluster.UpdateTitleAsync(i % 2 == 0 ? cluster.A : cluster.B, stream.Id, $"title {i}")));

        foreach (var viewer in new[] { onA, onB })
        {
            await viewer.WaitUntilAsync(v => v.LastSeq(stream.Id) == 20, Patience, "twenty events");
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), viewer.Events(stream.Id).Select(e => e.Seq));
        }
    }

    [Fact]
    public async Task An_event_logged_but_never_sent_is_fetched_from_the_log_even_when_nothing_follows_it()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var viewer = await cluster.B.ViewerAsync();
        await viewer.JoinAsync(stream.Id);

        // A node dies between the log append and the group send: seq 1 is in the log, never on the wire.
        var lost = await cluster.A.Get<IStreamEventLog>().AppendAsync(new StreamUpdated { StreamId = stream.Id, At = DateTimeOffset.UtcNow, Stream = stream with { Title = "lost" } });
        Assert.Equal(1, lost.Seq);
        await Cluster.UpdateTitleAsync(cluster.A, stream.Id, "last"); // seq 2 arrives, and then nothing more

        await viewer.WaitUntilAsync(v => v.LastSeq(stream.Id) == 2, Patience, "the lost event fetched behind the gap");
        Assert.Equal(["lost", "last"], viewer.Events(stream.Id).Cast<StreamUpdated>().Select(e => e.Stream.Title));
    }

    [Fact]
    public async Task A_push_lost_between_nodes_with_nothing_after_it_is_fetched_once_the_viewers_node_tells_it_the_head()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var viewer = await cluster.B.ViewerAsync();
        await viewer.JoinAsync(stream.Id);

        // Pub/sub between nodes delivers at most once: seq 1 is in the log, its push never reached
        // node B, and no later event reveals the gap.
        await cluster.A.Get<IStreamEventLog>().AppendAsync(new StreamUpdated { StreamId = stream.Id, At = DateTimeOffset.UtcNow, Stream = stream with { Title = "lost" } });

        await viewer.WaitUntilAsync(v => v.LastSeq(stream.Id) == 1, Patience, "the lost event, fetched after node B told its viewer the head");
        Assert.Equal("lost", Assert.IsType<StreamUpdated>(Assert.Single(viewer.Events(stream.Id))).Stream.Title);
        Assert.Contains(new StreamHead(stream.Id, 1), viewer.States<StreamHead>());
    }
}
