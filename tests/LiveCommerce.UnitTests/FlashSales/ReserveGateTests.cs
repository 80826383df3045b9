using LiveCommerce.Server.Features.FlashSales;

namespace LiveCommerce.UnitTests.FlashSales;

public sealed class ReserveGateTests
{
    private const string Sale = "fs-1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Until_a_first_answer_comes_one_call_goes_at_a_time()
    {
        var gate = new ReserveGate();
        Assert.True(await gate.EnterAsync(Sale, 1, default));
        var waiting = Enumerable.Range(0, 3).Select(_ => gate.EnterAsync(Sale, 1, default).AsTask()).ToArray();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        gate.Exit(Sale, 1, remaining: 2);

        Assert.True(await waiting[0].WaitAsync(Timeout));
        Assert.True(await waiting[1].WaitAsync(Timeout));
        Assert.False(waiting[2].IsCompleted);
    }

    [Fact]
    public async Task An_answer_that_does_not_say_what_is_left_lets_every_call_go()
    {
        // e.g. the sale is not live yet: there is no race for stock to spare Redis from.
        var gate = new ReserveGate();
        Assert.True(await gate.EnterAsync(Sale, 1, default));
        var waiting = gate.EnterAsync(Sale, 1, default).AsTask();
        gate.Exit(Sale, 1, remaining: null);

        Assert.True(await waiting.WaitAsync(Timeout));
        var entered = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => gate.EnterAsync(Sale, 1, default).AsTask()));
        Assert.All(entered, Assert.True);
    }

    [Fact]
    public async Task Calls_beyond_the_units_left_wait_and_are_sent_to_the_cache_once_none_are_left()
    {
        var gate = await AnsweredAsync(left: 2);

        Assert.True(await gate.EnterAsync(Sale, 1, default));
        Assert.True(await gate.EnterAsync(Sale, 1, default));
        var third = gate.EnterAsync(Sale, 1, default).AsTask();
        Assert.False(third.IsCompleted);

        gate.Exit(Sale, 1, remaining: 1); // one in flight, one left: still no room
        Assert.False(third.IsCompleted);
        gate.Exit(Sale, 1, remaining: 0);
        Assert.False(await third.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_waiter_goes_when_an_answer_leaves_room()
    {
        var gate = await AnsweredAsync(left: 2);
        Assert.True(await gate.EnterAsync(Sale, 2, default));
        var next = gate.EnterAsync(Sale, 1, default).AsTask();
        var after = gate.EnterAsync(Sale, 1, default).AsTask();

        gate.Exit(Sale, 2, remaining: 2); // e.g. over the buyer's limit: nothing taken, 2 still left

        Assert.True(await next.WaitAsync(Timeout));
        Assert.True(await after.WaitAsync(Timeout));
    }

    [Fact]
    public async Task One_call_goes_when_none_is_in_flight_so_a_stale_none_left_is_corrected()
    {
        var gate = await AnsweredAsync(left: 0);

        Assert.True(await gate.EnterAsync(Sale, 3, default));
        var queued = gate.EnterAsync(Sale, 1, default).AsTask();
        gate.Exit(Sale, 3, remaining: 4); // units came back
        Assert.True(await queued.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_its_place_to_the_next()
    {
        var gate = await AnsweredAsync(left: 1);
        Assert.True(await gate.EnterAsync(Sale, 1, default));
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(Sale, 1, cancel.Token).AsTask();
        var next = gate.EnterAsync(Sale, 1, default).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Timeout));
        gate.Exit(Sale, 1, remaining: 1);

        Assert.True(await next.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Many_racing_calls_never_have_more_units_in_flight_than_were_left()
    {
        var gate = await AnsweredAsync(left: 10);
        var inFlight = 0;
        var most = 0;
        var left = 10;
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            if (!await gate.EnterAsync(Sale, 1, default))
            {
                return; // told none are left
            }

            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
            // Every fourth call takes a unit, as a hold would.
            gate.Exit(Sale, 1, i % 4 == 0 ? Math.Max(0, Interlocked.Decrement(ref left)) : Volatile.Read(ref left));
        })));

        Assert.InRange(most, 1, 10);
    }

    /// <summary>A gate for which one answer has said <paramref name="left"/> units are left.</summary>
    private static async Task<ReserveGate> AnsweredAsync(int left)
    {
        var gate = new ReserveGate();
        Assert.True(await gate.EnterAsync(Sale, 1, default));
        gate.Exit(Sale, 1, remaining: left);
        return gate;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
