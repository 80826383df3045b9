using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Attribution;

/// <summary>
/// Seam 3: a purchase is credited to the stream the buyer is watching, named in the call and checked
/// against what the connection joined — even when the same connection also joined upcoming streams
/// (as "Remind me" does), and however often the buyer buys.
/// </summary>
public sealed class StreamAttributionTests(FlashCluster cluster) : IClassFixture<FlashCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>mia's live stream, plus two upcoming ones (leo's and another of mia's), all three offering the sale.</summary>
    private async Task<(StreamDto Live, StreamDto[] Upcoming, FlashSaleDto Sale)> ThreeStreamsOneSaleAsync()
    {
        var live = await Cluster.ScheduleAsync(cluster.A, host: "mia", title: "Live now");
        using (var mia = cluster.A.Authorized(await cluster.A.TokenAsync("mia")))
        {
            live = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsync($"/api/streams/{live.Id}/start", null));
        }

        Assert.Equal(StreamStatus.Live, live.Status);
        StreamDto[] upcoming = [await Cluster.ScheduleAsync(cluster.A, host: "leo", title: "Leo tonight"), await Cluster.ScheduleAsync(cluster.A, host: "mia", title: "Mia tomorrow")];
        var sale = await FlashApi.ScheduleAsync(cluster.A, FlashApi.Request(live.Id, quantity: 20, limit: 10) with
        {
            StreamIds = [upcoming[0].Id, live.Id, upcoming[1].Id],
        });
        return (live, upcoming, sale);
    }

    [Fact]
    public async Task A_buyer_who_also_set_reminders_for_two_upcoming_streams_credits_the_host_of_the_live_one_every_time()
    {
        var (live, upcoming, sale) = await ThreeStreamsOneSaleAsync();
        await using var miaStudio = await cluster.A.ViewerAsync("mia");
        await using var leoStudio = await cluster.A.ViewerAsync("leo");
        await miaStudio.JoinAsync(live.Id);

        // One connection: reminders for both upcoming streams, and the live one it watches.
        await using var buyer = await cluster.B.ViewerAsync();
        await buyer.JoinAsync(upcoming[0].Id);
        await buyer.JoinAsync(live.Id);
        await buyer.JoinAsync(upcoming[1].Id);

        const int Purchases = 5;
        for (var i = 0; i < Purchases; i++)
        {
            var held = await buyer.Hub.Reserve(live.Id, sale.Id, 1, $"r{i}");
            Assert.Equal(ReserveOutcome.Held, held.Outcome);
            var paid = await buyer.Hub.PayAsync(held.HoldId!, $"c{i}", "USD", "USD");
            Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
            Assert.Equal((live.Id, new AttributionRef(live.Id, live.HostId)), (paid.Order!.StreamId, paid.Order.Attribution));
        }

        // The host sees it as a host does: live in her studio, then in her earnings report.
        await miaStudio.WaitUntilAsync(v => v.States<HostMetricsChanged>().Any(m => m.StreamId == live.Id && m.Orders == Purchases),
            Patience, $"{Purchases} orders of the live stream in mia's studio");
        Assert.DoesNotContain(miaStudio.States<HostMetricsChanged>(), m => m.StreamId != live.Id && m.Orders > 0);
        Assert.DoesNotContain(leoStudio.States<HostMetricsChanged>(), m => m.Orders > 0);

        using var mia = cluster.B.Authorized(await cluster.B.TokenAsync("mia"));
        var report = await LiveApi.ReadAsync<EarningsReport>(await mia.GetAsync($"/api/reports/influencer?from={Today}&to={Today}"));
        Assert.Equal(Purchases, report.Total.Orders);
        Assert.Equal(Purchases, report.Rows.Single(r => r.Dimension == "stream" && r.Key == live.Id).Orders);
        Assert.DoesNotContain(report.Rows, r => r.Dimension == "stream" && r.Key == upcoming[1].Id && r.Orders > 0);

        using var leo = cluster.B.Authorized(await cluster.B.TokenAsync("leo"));
        var leoReport = await LiveApi.ReadAsync<EarningsReport>(await leo.GetAsync($"/api/reports/influencer?from={Today}&to={Today}"));
        Assert.Equal(0, leoReport.Total.Orders);
    }

    [Fact]
    public async Task Buying_in_a_stream_this_connection_did_not_join_is_refused_with_not_watching_and_holds_nothing()
    {
        var (live, upcoming, sale) = await ThreeStreamsOneSaleAsync();
        var token = await cluster.B.ViewerTokenAsync();
        await using var buyer = await LiveViewer.ConnectAsync(cluster.B.Address, token, reconnect: false);
        await using var otherTab = await LiveViewer.ConnectAsync(cluster.A.Address, token, reconnect: false);
        await buyer.JoinAsync(live.Id);
        await otherTab.JoinAsync(upcoming[0].Id); // the same buyer in another tab: joins are per connection

        Assert.Equal(ErrorCodes.NotWatching, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.Reserve(upcoming[0].Id, sale.Id, 1, "k1")));
        Assert.Equal(ErrorCodes.NotWatching, await FlashApi.HubErrorCodeAsync(() => otherTab.Hub.Reserve(live.Id, sale.Id, 1, "k2")));
        Assert.Equal(ErrorCodes.NotWatching, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.JoinWaitlist(upcoming[1].Id, sale.Id)));

        // Left: no longer watching.
        await buyer.LeaveAsync(live.Id);
        Assert.Equal(ErrorCodes.NotWatching, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.Reserve(live.Id, sale.Id, 1, "k3")));

        // Watching a stream that does not offer the sale: the sale is not there.
        var elsewhere = await Cluster.ScheduleAsync(cluster.A, host: "leo", title: "No sale here");
        await buyer.JoinAsync(elsewhere.Id);
        Assert.Equal(ErrorCodes.SaleNotFound, await FlashApi.HubErrorCodeAsync(() => buyer.Hub.Reserve(elsewhere.Id, sale.Id, 1, "k4")));

        var after = await FlashApi.GetAsync(cluster.A, sale.Id);
        Assert.Equal((20, 0, 0), (after.Remaining, after.Held, after.Sold));

        // The connection still works, and buying in the stream it joins goes through.
        await buyer.JoinAsync(live.Id);
        Assert.Equal(ReserveOutcome.Held, (await buyer.Hub.Reserve(live.Id, sale.Id, 1, "k5")).Outcome);
    }
}
