using System.Net;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Faults;

/// <summary>Redis is killed -9 mid-stream and restarted on its AOF; the nodes ride it out without a restart.</summary>
public sealed class RedisRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Redis_killed_mid_stream_turns_nodes_not_ready_then_ready_and_the_stream_resumes_gap_free()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = SharedRedis.UniquePrefix();
        await using var a = await TestNode.StartAsync(redis.Configuration, prefix);
        await using var b = await TestNode.StartAsync(redis.Configuration, prefix);
        var stream = await Cluster.ScheduleAsync(a);
        await using var onA = await a.ViewerAsync();
        await using var onB = await b.ViewerAsync();
        await onA.JoinAsync(stream.Id);
        await onB.JoinAsync(stream.Id);
        for (var i = 0; i < 5; i++)
        {
            await Cluster.UpdateTitleAsync(i % 2 == 0 ? a : b, stream.Id, $"before {i}");
        }

        await onB.WaitUntilAsync(v => v.LastSeq(stream.Id) == 5, Patience, "five events before the crash");

        await redis.KillAsync();
        foreach (var node in new[] { a, b })
        {
            var ready = await node.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable, Patience);
            Assert.Contains("redis", ready, StringComparison.Ordinal);
        }

        // The live path refuses clearly meanwhile (503 unavailable), it does not answer 500.
        using (var host = a.Authorized(await a.TokenAsync("mia")))
        {
            var refused = await host.PostAsync($"/api/streams/{stream.Id}/start", null);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains(ErrorCodes.Unavailable, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await redis.StartAgainAsync();
        foreach (var node in new[] { a, b })
        {
            var body = await node.WaitForReadinessAsync(HttpStatusCode.OK, Patience);
            Assert.Contains("backplane", body, StringComparison.Ordinal);
        }

        // Events published after recovery continue the same sequence (the AOF kept it) and reach
        // the viewers on both nodes through the re-subscribed backplane, gap-free.
        for (var i = 0; i < 5; i++)
        {
            await Cluster.UpdateTitleAsync(i % 2 == 0 ? b : a, stream.Id, $"after {i}");
        }

        foreach (var viewer in new[] { onA, onB })
        {
            await viewer.WaitUntilAsync(v => v.LastSeq(stream.Id) == 10, Patience, "five events after the restart");
            Assert.Equal(Enumerable.Range(1, 10).Select(s => (long)s), viewer.Events(stream.Id).Select(e => e.Seq));
            Assert.Equal("after 4", ((StreamUpdated)viewer.Events(stream.Id)[^1]).Stream.Title);
        }
    }
}
