using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveCommerce.UnitTests.FlashSales;

public sealed class PurchaseMomentsTests
{
    [Fact]
    public async Task A_window_sends_each_sales_latest_moments_and_the_first_counts_the_ones_left_out()
    {
        var events = new RecordingEvents();
        var moments = new PurchaseMoments(events, Options.Create(new FlashSaleOptions { PurchaseMomentsPerWindow = 3 }), TimeProvider.System,
            NullLogger<PurchaseMoments>.Instance);
        for (var i = 1; i <= 10; i++)
        {
            moments.Add(Moment("s1", "fs-a", $"buyer {i}", quantity: i % 2 + 1));
        }

        moments.Add(Moment("s1", "fs-b", "other sale", quantity: 4));
        moments.Add(Moment("s2", "fs-a", "other stream", quantity: 1));

        await moments.RunOnceAsync(CancellationToken.None);

        var s1a = events.Sent.Where(e => e is { StreamId: "s1", SaleId: "fs-a" }).ToList();
        Assert.Equal(["buyer 8", "buyer 9", "buyer 10"], s1a.Select(e => e.BuyerName));
        // Buyers 1-7 were not sent on their own: 7 orders, 2+1+2+1+2+1+2 units, carried by the first sent.
        Assert.Equal([(7, 11), (0, 0), (0, 0)], s1a.Select(e => (e.CoalescedOrders, e.CoalescedUnits)));
        Assert.Equal(10, s1a.Sum(e => 1 + e.CoalescedOrders));
        Assert.Equal(Enumerable.Range(1, 10).Sum(i => i % 2 + 1), s1a.Sum(e => e.Quantity + e.CoalescedUnits));
        Assert.Equal(["other sale"], events.Sent.Where(e => e is { StreamId: "s1", SaleId: "fs-b" }).Select(e => e.BuyerName));
        Assert.Equal(["other stream"], events.Sent.Where(e => e.StreamId == "s2").Select(e => e.BuyerName));

        // The next window starts empty.
        await moments.RunOnceAsync(CancellationToken.None);
        Assert.Equal(5, events.Sent.Count);
    }

    private static PurchaseMade Moment(string streamId, string saleId, string buyer, int quantity) =>
        new() { StreamId = streamId, SaleId = saleId, BuyerName = buyer, Country = "BR", ProductTitle = "Serum", Quantity = quantity };

    private sealed class RecordingEvents : ILiveEvents
    {
        public List<PurchaseMade> Sent { get; } = [];

        public Task<TEvent> PublishAsync<TEvent>(TEvent e, CancellationToken ct = default)
            where TEvent : LiveEvent
        {
            Sent.Add(Assert.IsType<PurchaseMade>(e));
            return Task.FromResult(e);
        }

        public Task<TEvent> PublishAsync<TEvent>(TEvent e, Func<TEvent, Task> beforeSend, CancellationToken ct = default)
            where TEvent : LiveEvent => PublishAsync(e, ct);
    }
}
