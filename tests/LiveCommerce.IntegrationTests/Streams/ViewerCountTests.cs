using LiveCommerce.Contracts;

namespace LiveCommerce.IntegrationTests.Streams;

/// <summary>Viewer counts agree across nodes and drop when a node goes away.</summary>
public sealed class ViewerCountTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Cluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Counts_viewers_on_both_nodes_and_forgets_a_stopped_node()
    {
        var stream = await Cluster.ScheduleAsync(_cluster.A);
        await using var a1 = await _cluster.A.ViewerAsync();
        await using var a2 = await _cluster.A.ViewerAsync();
        var b1 = await _cluster.B.ViewerAsync(reconnect: false);
        var b2 = await _cluster.B.ViewerAsync(reconnect: false);
        foreach (var v in new[] { a1, a2, b1, b2 })
        {
            await v.JoinAsync(stream.Id);
        }

        Assert.Equal(4, b2.LastSnapshot!.Viewers); // the last to join sees everyone in its snapshot
        await a1.WaitUntilAsync(v => LatestCount(v, stream.Id) == 4, Patience, "a count of 4 pushed to node A");
        await b1.WaitUntilAsync(v => LatestCount(v, stream.Id) == 4, Patience, "a count of 4 pushed to node B");

        // One viewer leaves on purpose, then node B goes away with its last viewer.
        await b2.LeaveAsync(stream.Id);
        await a1.WaitUntilAsync(v => LatestCount(v, stream.Id) == 3, Patience, "a count of 3 after a leave");
        await _cluster.B.StopAsync();
        await a1.WaitUntilAsync(v => LatestCount(v, stream.Id) == 2, Patience, "a count of 2 after node B stopped");
        await b1.DisposeAsync();
        await b2.DisposeAsync();

        var listed = await Simulator.LiveApi.ReadAsync<StreamDto>(await _cluster.A.Http.GetAsync($"/api/streams/{stream.Id}"));
        Assert.Equal(2, listed.Viewers);
    }

    private static int? LatestCount(Simulator.LiveViewer viewer, string streamId) =>
        viewer.States<ViewerCountChanged>().LastOrDefault(c => c.StreamId == streamId)?.Viewers;
}
