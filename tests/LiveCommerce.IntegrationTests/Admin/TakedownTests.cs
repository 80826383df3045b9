using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Admin;

/// <summary>An operator's takedown ends the stream for every viewer on every node, with the reason, and is audited.</summary>
public sealed class TakedownTests(Cluster cluster) : IClassFixture<Cluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(WireProtocol.Json)]
    [InlineData(WireProtocol.MessagePack)]
    public async Task Viewers_on_both_nodes_see_the_stream_end_with_the_reason(WireProtocol protocol)
    {
        var stream = await Cluster.ScheduleAsync(cluster.A, title: "Takedown " + protocol);
        await using (var host = await cluster.B.ViewerAsync("mia", protocol))
        {
            await host.Hub.StartStream(stream.Id);
        }

        await using var onA = await cluster.A.ViewerAsync(protocol: protocol);
        await using var onB = await cluster.B.ViewerAsync(protocol: protocol);
        await onA.JoinAsync(stream.Id);
        await onB.JoinAsync(stream.Id);

        // Refused first: a host is no operator, and a takedown needs a reason. The stream stays live.
        using (var host = cluster.A.Authorized(await cluster.A.TokenAsync("mia")))
        using (var byHost = await host.PostAsJsonAsync($"/api/admin/streams/{stream.Id}/takedown", new AdminReasonRequest("mine"), LiveApi.Json))
        {
            Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.AdminOnly), (byHost.StatusCode, await OperatorNode.CodeAsync(byHost)));
        }

        using var admin = cluster.A.Authorized(await cluster.A.TokenAsync("admin"));
        using (var noReason = await admin.PostAsJsonAsync($"/api/admin/streams/{stream.Id}/takedown", new AdminReasonRequest(""), LiveApi.Json))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.NotNull(await OperatorNode.FieldErrorAsync(noReason, "reason"));
        }

        Assert.Equal(StreamStatus.Live, (await cluster.B.Http.GetFromJsonAsync<StreamDto>($"/api/streams/{stream.Id}", LiveApi.Json))!.Status);

        const string reason = "Counterfeit goods";
        var ended = await LiveApi.ReadAsync<StreamDto>(await admin.PostAsJsonAsync($"/api/admin/streams/{stream.Id}/takedown", new AdminReasonRequest(reason), LiveApi.Json));
        Assert.Equal((StreamStatus.Ended, reason), (ended.Status, ended.EndedReason));

        foreach (var viewer in new[] { onA, onB })
        {
            await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<StreamEnded>().Any(), Patience, "StreamEnded");
            Assert.Equal(reason, viewer.Events(stream.Id).OfType<StreamEnded>().Single().Reason);
        }

        // Later visitors read it too, on either node.
        Assert.Equal(reason, (await cluster.B.Http.GetFromJsonAsync<StreamDto>($"/api/streams/{stream.Id}", LiveApi.Json))!.EndedReason);
        await using var late = await cluster.B.ViewerAsync(protocol: protocol);
        Assert.Equal(reason, (await late.JoinAsync(stream.Id)).Stream.EndedReason);

        using (var again = await admin.PostAsJsonAsync($"/api/admin/streams/{stream.Id}/takedown", new AdminReasonRequest(reason), LiveApi.Json))
        {
            Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.InvalidTransition), (again.StatusCode, await OperatorNode.CodeAsync(again)));
        }

        var audit = Assert.Single((await OperatorNode.AuditAsync(cluster.B, "target=" + stream.Id)).Entries);
        Assert.Equal((AuditActions.StreamTakenDown, "u-admin"), (audit.Action, audit.ActorId));
        Assert.Contains(reason, audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upcoming_stream_can_be_taken_down_before_it_starts()
    {
        var stream = await Cluster.ScheduleAsync(cluster.B, title: "Not yet");
        using var admin = cluster.B.Authorized(await cluster.B.TokenAsync("admin"));
        var ended = await LiveApi.ReadAsync<StreamDto>(await admin.PostAsJsonAsync($"/api/admin/streams/{stream.Id}/takedown", new AdminReasonRequest("Misleading title"), LiveApi.Json));
        Assert.Equal((StreamStatus.Ended, "Misleading title"), (ended.Status, ended.EndedReason));

        await using var host = await cluster.A.ViewerAsync("mia");
        var refused = await Record.ExceptionAsync(() => host.Hub.StartStream(stream.Id));
        Assert.Equal(ErrorCodes.InvalidTransition, ErrorCodes.FromHubError(refused?.Message ?? ""));
    }

    [Fact]
    public async Task Readiness_shows_redis_and_the_backplane_to_admins()
    {
        using var admin = cluster.A.Authorized(await cluster.A.TokenAsync("admin"));
        var ready = await admin.GetFromJsonAsync<ReadinessDto>("/api/admin/readiness", LiveApi.Json);
        Assert.Contains(ready!.Checks, c => c is { Name: "redis", Status: "Healthy" });
        Assert.Contains(ready.Checks, c => c is { Name: "backplane", Status: "Healthy" });
    }
}
