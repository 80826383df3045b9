using System.Security.Claims;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Realtime;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCommerce.UnitTests.Realtime;

public sealed class HubFloodGuardTests
{
    private readonly Clock _clock = new();
    private readonly HubFloodGuard _guard;

    public HubFloodGuardTests() =>
        _guard = new HubFloodGuard(Options.Create(new RealtimeOptions { HubCallsPerSecondPerConnection = 100, HubCallsPerSecondPerAccount = 1 }), _clock);

    [Fact]
    public async Task An_account_that_reconnects_keeps_the_calls_it_spent()
    {
        var first = await ConnectAsync("u-1");
        Assert.Equal(2, await CallsPassingAsync(first, 5)); // a burst of twice the rate
        await DisconnectAsync(first);

        var second = await ConnectAsync("u-1");
        Assert.Equal(0, await CallsPassingAsync(second, 1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await CallsPassingAsync(second, 3));
    }

    [Fact]
    public async Task Another_account_has_its_own_calls()
    {
        Assert.Equal(2, await CallsPassingAsync(await ConnectAsync("u-1"), 5));
        Assert.Equal(2, await CallsPassingAsync(await ConnectAsync("u-2"), 5));
    }

    private async Task<Caller> ConnectAsync(string userId)
    {
        var caller = new Caller(userId);
        await _guard.OnConnectedAsync(new HubLifetimeContext(caller, EmptyServices.Instance, new NoHub()), _ => Task.CompletedTask);
        return caller;
    }

    private Task DisconnectAsync(Caller caller) =>
        _guard.OnDisconnectedAsync(new HubLifetimeContext(caller, EmptyServices.Instance, new NoHub()), null, (_, _) => Task.CompletedTask);

    private async Task<int> CallsPassingAsync(Caller caller, int calls)
    {
        var passed = 0;
        for (var i = 0; i < calls; i++)
        {
            try
            {
                await _guard.InvokeMethodAsync(
                    new HubInvocationContext(caller, EmptyServices.Instance, new NoHub(), typeof(NoHub).GetMethod(nameof(NoHub.Call))!, []),
                    _ => ValueTask.FromResult<object?>(null));
                passed++;
            }
            catch (HubException e) when (e.Message.StartsWith("rate_limited", StringComparison.Ordinal))
            {
            }
        }

        return passed;
    }

    private sealed class Clock : TimeProvider
    {
        private long _ticks = TimeSpan.TicksPerDay;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private sealed class Caller(string userId) : HubCallerContext
    {
        public override string ConnectionId { get; } = Guid.NewGuid().ToString("N");

        public override string? UserIdentifier => userId;

        public override ClaimsPrincipal? User { get; } = new(new ClaimsIdentity([new Claim(AuthClaims.Subject, userId)], "test"));

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }

    private sealed class NoHub : Hub
    {
        public void Call()
        {
        }
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
