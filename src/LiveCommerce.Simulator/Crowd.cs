using Bogus;

namespace LiveCommerce.Simulator;

/// <summary>
/// A bounded crowd of guest viewers that come and go on a stream, so the demo shows a live,
/// changing audience. Every member is a real SignalR client.
/// </summary>
public static class Crowd
{
    public static async Task RunAsync(Uri server, string streamId, int size, int seed, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = server };
        var members = Enumerable.Range(0, size).Select(i => WatchAsync(http, server, streamId, new Randomizer(seed + i), ct));
        await Task.WhenAll(members);
    }

    private static async Task WatchAsync(HttpClient http, Uri server, string streamId, Randomizer random, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(random.Int(0, 8000)), ct).ContinueWith(_ => { }, TaskScheduler.Default);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var token = await LiveApi.GuestAsync(http, ct);
                await using var viewer = await LiveViewer.ConnectAsync(server, token.Token, ct: ct);
                while (!ct.IsCancellationRequested)
                {
                    await viewer.JoinAsync(streamId, ct: ct);
                    await Task.Delay(TimeSpan.FromSeconds(random.Int(10, 60)), ct);
                    await viewer.LeaveAsync(streamId);
                    await Task.Delay(TimeSpan.FromSeconds(random.Int(2, 15)), ct);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or Microsoft.AspNetCore.SignalR.HubException or System.Net.WebSockets.WebSocketException)
            {
                // The server is restarting or refusing: a real viewer would retry a little later.
                await Task.Delay(TimeSpan.FromSeconds(5), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
