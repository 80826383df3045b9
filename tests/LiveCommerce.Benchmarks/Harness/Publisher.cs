using System.Diagnostics;

namespace LiveCommerce.Benchmarks.Harness;

/// <summary>
/// Publishes at a fixed rate until stopped: <c>rate</c> small events a second plus one slower
/// event a second. Each stream awaits its send (backpressure), so if the server falls behind the
/// published rate drops, and the figures show it.
/// </summary>
public sealed class Publisher(double rate, Func<long, Task> small, Func<long, Task> everySecond) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public long Small { get; private set; }

    /// <summary>How long each small publish took: log append plus the group send handing the frame to every connection.</summary>
    public LatencyHistogram SendTime { get; } = new();

    public long Slow { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public void Start()
    {
        var ct = _stop.Token;
        var clock = Stopwatch.StartNew();
        _running = Task.WhenAll(
            Task.Run(() => Loop(TimeSpan.FromSeconds(1 / rate), async n =>
            {
                var started = Stopwatch.GetTimestamp();
                await small(n);
                SendTime.Record(Stopwatch.GetElapsedTime(started));
                Small++;
            }, ct), ct),
            Task.Run(() => Loop(TimeSpan.FromSeconds(1), async n => { await everySecond(n); Slow++; }, ct), ct))
            .ContinueWith(_ => Elapsed = clock.Elapsed, TaskScheduler.Default);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private static async Task Loop(TimeSpan period, Func<long, Task> publish, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        long n = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await publish(++n);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
