using Bogus;
using LiveCommerce.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Simulator;

/// <summary>
/// A bounded crowd of signed-in viewers that come and go on a stream, chat, react and race for flash
/// sales, so the demo shows a live, changing audience. Every member is a real SignalR client
/// going through the same hub methods, limits and checks as a person would.
/// </summary>
public static class Crowd
{
    /// <param name="tokens">An access token for crowd member <c>i</c> (asked again whenever the member reconnects).</param>
    public static async Task RunAsync(Uri server, string streamId, int size, int seed, Func<int, CancellationToken, Task<string>> tokens, CancellationToken ct)
    {
        var members = Enumerable.Range(0, size).Select(i => WatchAsync(server, streamId, new Randomizer(seed + i), c => tokens(i, c), ct));
        await Task.WhenAll(members);
    }

    private static async Task WatchAsync(Uri server, string streamId, Randomizer random, Func<CancellationToken, Task<string>> tokens, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(random.Int(0, 8000)), ct).ContinueWith(_ => { }, TaskScheduler.Default);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var viewer = await LiveViewer.ConnectAsync(server, () => tokens(ct), ct: ct);
                var faker = new Faker { Random = random };
                while (!ct.IsCancellationRequested)
                {
                    await viewer.JoinAsync(streamId, ct: ct);
                    var leaveAt = DateTime.UtcNow.AddSeconds(random.Int(20, 90));
                    while (DateTime.UtcNow < leaveAt)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(random.Int(4, 20)), ct);
                        await ActAsync(viewer, streamId, faker, ct);
                    }

                    await viewer.LeaveAsync(streamId);
                    await Task.Delay(TimeSpan.FromSeconds(random.Int(2, 15)), ct);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException or InvalidOperationException or Microsoft.AspNetCore.SignalR.HubException or System.Net.WebSockets.WebSocketException)
            {
                // The server is restarting or refusing: a real viewer would retry a little later.
                await Task.Delay(TimeSpan.FromSeconds(5), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One thing a viewer does: mostly chat, sometimes react, and buy when a sale is live.</summary>
    private static async Task ActAsync(LiveViewer viewer, string streamId, Faker faker, CancellationToken ct)
    {
        try
        {
            var liveSale = viewer.Events(streamId).OfType<FlashSaleStarted>().Select(e => e.Sale)
                .Concat(viewer.LastSnapshot?.Sales ?? [])
                .Where(s => s.Status == SaleStatus.Live && s.EndsAt > DateTimeOffset.UtcNow)
                .ExceptBy(viewer.Events(streamId).OfType<FlashSaleEnded>().Select(e => e.SaleId), s => s.Id)
                .FirstOrDefault();
            var hub = viewer.Hub.WithCancellation(ct);
            if (liveSale is not null && faker.Random.Bool(0.3f))
            {
                var key = Guid.NewGuid().ToString("N");
                var hold = await hub.Reserve(streamId, liveSale.Id, 1, key);
                if (hold is { Outcome: ReserveOutcome.Held, HoldId: { } holdId })
                {
                    await hub.PayAsync(holdId, key);
                }
            }
            else if (faker.Random.Bool(0.25f))
            {
                await hub.React(streamId, faker.PickRandom("heart", "fire", "clap", "wow"));
            }
            else
            {
                await hub.SendComment(streamId, Chatter(faker));
            }
        }
        catch (HubException)
        {
            // Rate limits, slow mode, sold out: a real viewer shrugs and carries on.
        }
    }

    private static string Chatter(Faker faker) => faker.Random.Int(0, 5) switch
    {
        0 => $"Does the {faker.Commerce.Product().ToLowerInvariant()} ship to {faker.Address.Country()}?",
        1 => $"Love the {faker.Commerce.Color()} one! 😍",
        2 => $"Just joined from {faker.Address.City()} 👋",
        3 => $"Is it {faker.Commerce.ProductMaterial().ToLowerInvariant()}?",
        4 => "How long is the sale on?",
        _ => $"{faker.Commerce.ProductAdjective()}! Adding to cart 🛒",
    };
}
