using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Faults;

/// <summary>A node dies under its viewers; they come back through nginx on another node, missing nothing.</summary>
public sealed class NodeKillTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Killing_a_node_moves_its_viewers_to_another_node_with_zero_missed_events()
    {
        await using var cluster = await ProcessCluster.StartAsync(await SharedRedis.ConfigurationAsync());
        var (stream, host) = await cluster.LiveStreamAsync();
        using var _ = host;

        // Twelve viewers through nginx's round robin: about four per node.
        var viewers = new List<LiveViewer>();
        var reconnected = 0;
        for (var i = 0; i < 12; i++)
        {
            var viewer = await cluster.ViewerAsync();
            viewer.Connection.Reconnected += _ =>
            {
                Interlocked.Increment(ref reconnected);
                return Task.CompletedTask;
            };
            await viewer.JoinAsync(stream.Id);
            viewers.Add(viewer);
        }

        var joinedAt = viewers.ToDictionary(v => v, v => v.LastSeq(stream.Id));
        try
        {
            // The host keeps publishing through nginx while one node is killed mid-way.
            var publishing = Task.Run(async () =>
            {
                for (var i = 0; i < 40; i++)
                {
                    Assert.True(await ProcessCluster.PublishAsync(host, stream.Id, $"title {i}"), $"publish {i} never got through");
                    await Task.Delay(50);
                }
            });
            await Task.Delay(700);
            await cluster.Nodes[0].KillAsync();
            await publishing;

            // The truth: the log's last seq, as a fresh viewer sees it.
            await using var probe = await cluster.ViewerAsync();
            var final = (await probe.JoinAsync(stream.Id)).Seq;
            Assert.Equal("title 39", probe.LastSnapshot!.Stream.Title);

            foreach (var viewer in viewers)
            {
                await viewer.WaitUntilAsync(v => v.LastSeq(stream.Id) == final, Patience, $"seq {final}");
                var seqs = viewer.Events(stream.Id).Select(e => e.Seq).ToArray();
                Assert.Equal(Enumerable.Range((int)joinedAt[viewer] + 1, (int)(final - joinedAt[viewer])).Select(s => (long)s), seqs);
                Assert.Equal("title 39", ((StreamUpdated)viewer.Events(stream.Id)[^1]).Stream.Title);
            }

            Assert.True(reconnected > 0, "no viewer was on the killed node");
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }
}
