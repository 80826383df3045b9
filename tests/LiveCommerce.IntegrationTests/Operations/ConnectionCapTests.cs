using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.IntegrationTests.Operations;

/// <summary>One account may hold only so many connections on a node; refused ones must not free a slot.</summary>
public sealed class ConnectionCapTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Tabs_over_the_cap_are_closed_and_a_closed_tab_makes_room_for_exactly_one()
    {
        await using var node = await TestNode.StartAsync(null, "cap", new Dictionary<string, string?> { ["Realtime:MaxConnectionsPerAccount"] = "2" });
        var token = await node.GuestTokenAsync();
        await using var first = await TabAsync(node, token);
        var second = await TabAsync(node, token);

        // Each refused tab is closed, and its disconnect gives back nothing it was never given.
        for (var i = 0; i < 3; i++)
        {
            await using var refused = await TabAsync(node, token);
            await ClosedAsync(refused);
        }

        await second.DisposeAsync();
        await using var third = await AdmittedAsync(node, token);
        await using var fourth = await TabAsync(node, token);
        await ClosedAsync(fourth);

        Assert.Equal(HubConnectionState.Connected, first.Connection.State);
        Assert.Equal(HubConnectionState.Connected, third.Connection.State);
        await using var otherAccount = await AdmittedAsync(node, await node.GuestTokenAsync());
    }

    /// <summary>
    /// A tab whose call passes the guard. The node hears of a closed tab a moment after its client
    /// does, so a tab opened just then may still be refused: open another until one is admitted.
    /// </summary>
    private static async Task<LiveViewer> AdmittedAsync(TestNode node, string token)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var tab = await TabAsync(node, token);
            try
            {
                await tab.Hub.WithCancellation(deadline.Token).LeaveStream("some-stream");
                return tab;
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                await tab.DisposeAsync();
            }
        }
    }

    private static Task<LiveViewer> TabAsync(TestNode node, string token) =>
        LiveViewer.ConnectAsync(node.Address, token, reconnect: false);

    private static async Task ClosedAsync(LiveViewer tab)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tab.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        if (tab.Connection.State != HubConnectionState.Disconnected)
        {
            await closed.Task.WaitAsync(Timeout);
        }
    }
}
