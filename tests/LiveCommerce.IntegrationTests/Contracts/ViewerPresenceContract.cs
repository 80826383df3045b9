using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.Server.Realtime;
using LiveCommerce.TestKit;
using Microsoft.Extensions.Options;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>What every <see cref="IViewerPresence"/> must do; run against Redis and the in-process presence.</summary>
public abstract class ViewerPresenceContract
{
    protected static readonly TimeSpan Ttl = TimeSpan.FromSeconds(1);

    /// <summary>For tests about something other than expiry: no busy machine can stall a step this long.</summary>
    private static readonly TimeSpan LongTtl = TimeSpan.FromMinutes(1);

    protected abstract Task<IViewerPresence> CreateAsync(TimeSpan viewerTtl);

    private static string NewStreamId() => "s-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Counts_sessions_and_forgets_those_that_leave()
    {
        var presence = await CreateAsync(Ttl);
        var id = NewStreamId();
        await presence.JoinAsync(id, "c1");
        await presence.JoinAsync(id, "c2");
        await presence.JoinAsync(id, "c2");
        Assert.Equal(2, await presence.CountAsync(id));
        await presence.LeaveAsync(id, "c1");
        Assert.Equal(1, await presence.CountAsync(id));
        Assert.Equal(0, await presence.CountAsync(NewStreamId()));
    }

    [Fact]
    public async Task Unrefreshed_sessions_expire_and_refreshed_ones_stay()
    {
        var presence = await CreateAsync(Ttl);
        var id = NewStreamId();
        await presence.JoinAsync(id, "kept");
        await presence.JoinAsync(id, "ghost");
        Assert.Equal(2, await presence.CountAsync(id));

        // Only "kept" is refreshed, as by a living node; "ghost" belongs to a node that died.
        var deadline = DateTime.UtcNow + (Ttl * 5);
        int count;
        do
        {
            await presence.RefreshAsync([(id, "kept")]);
            count = await presence.CountAsync(id);
        }
        while (count != 1 && DateTime.UtcNow < deadline && await Delay());
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Count_push_is_claimed_once_per_interval_and_only_on_change()
    {
        // Sessions outlive the test: with the 1 s TTL, a CI machine busy for a second between the join and the
        // claims expired "c1" and the winning claim pushed 0 (a CI run of 2026-12-08).
        var presence = await CreateAsync(LongTtl);
        var id = NewStreamId();
        var interval = TimeSpan.FromMilliseconds(300);
        await presence.JoinAsync(id, "c1");
        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => presence.ClaimCountUpdateAsync(id, interval))));
        Assert.Single(claims, c => c == 1);

        // Same count in the next interval: nothing to push.
        int? next = null;
        var deadline = DateTime.UtcNow.AddSeconds(3);
        await presence.JoinAsync(id, "c2");
        while (next is null && DateTime.UtcNow < deadline && await Delay())
        {
            next = await presence.ClaimCountUpdateAsync(id, interval);
        }

        Assert.Equal(2, next);
        // Still two watching after the next interval: nothing to push.
        await Delay(400);
        Assert.Null(await presence.ClaimCountUpdateAsync(id, interval));
    }

    private static async Task<bool> Delay(int ms = 50)
    {
        await Task.Delay(ms);
        return true;
    }
}

public sealed class LocalViewerPresenceTests : ViewerPresenceContract
{
    protected override Task<IViewerPresence> CreateAsync(TimeSpan viewerTtl) =>
        Task.FromResult<IViewerPresence>(new LocalViewerPresence(Options.Create(new RealtimeOptions { ViewerTtl = viewerTtl }), TimeProvider.System));
}

public sealed class RedisViewerPresenceTests : ViewerPresenceContract
{
    protected override async Task<IViewerPresence> CreateAsync(TimeSpan viewerTtl) =>
        new RedisViewerPresence(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()), Options.Create(new RealtimeOptions { ViewerTtl = viewerTtl }));
}
