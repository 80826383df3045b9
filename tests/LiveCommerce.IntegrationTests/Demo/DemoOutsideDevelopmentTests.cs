using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Demo;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveCommerce.IntegrationTests.Demo;

/// <summary>
/// The demo (seeded streams, simulated crowd, the demo brand's recurring sale) runs by default only in
/// Development, and what sells on it never reaches the books real accounts read. Production nodes
/// on real Redis, observed the way a visitor, a brand and a host would.
/// </summary>
public sealed class DemoOutsideDevelopmentTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string Demo = DemoSeeder.LiveStreamId;

    [Fact]
    public async Task A_production_node_shows_no_demo_stream_no_simulated_viewers_and_no_orders()
    {
        await using var node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(), environment: Environments.Production);

        // Nothing of the demo is even running, so nothing can show up after the checks below either.
        Assert.DoesNotContain(node.Services.GetServices<IHostedService>(), s => s.GetType().Namespace == typeof(DemoSeeder).Namespace);

        // A visitor: no streams, live or upcoming; the demo's stream does not exist.
        foreach (var status in new[] { "live", "upcoming" })
        {
            Assert.Empty(await LiveApi.ReadAsync<List<StreamDto>>(await node.Http.GetAsync($"/api/streams?status={status}")));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await node.Http.GetAsync($"/api/streams/{Demo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Http.GetAsync($"/api/flash-sales?streamId={Demo}")).StatusCode);

        // A viewer who opens the demo stream anyway: nothing to watch, so no crowd and no chatter.
        await using var viewer = await node.ViewerAsync();
        Assert.Equal(ErrorCodes.StreamNotFound, await FlashApi.HubErrorCodeAsync(() => viewer.JoinAsync(Demo)));

        // No password-less door into the demo accounts, and their books are empty.
        Assert.Equal(HttpStatusCode.NotFound, (await node.Http.PostAsJsonAsync("/api/auth/dev-login", new DevLoginRequest("mia"))).StatusCode);
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");
        using var glow = As(node, "glow");
        using var mia = As(node, "mia");
        var brand = await LiveApi.ReadAsync<EarningsReport>(await glow.GetAsync($"/api/reports/brand?from={today}&to={today}"));
        var host = await LiveApi.ReadAsync<EarningsReport>(await mia.GetAsync($"/api/reports/influencer?from={today}&to={today}"));
        Assert.Equal(0, brand.Total.Orders);
        Assert.Equal(0, host.Total.Orders);
    }

    [Fact]
    public async Task Asked_for_outside_development_the_demo_runs_but_what_sells_on_it_stays_off_the_books()
    {
        var settings = FlashSettings.Fast();
        settings["Demo:Enabled"] = "true";
        settings["Demo:CrowdSize"] = "2";
        settings["Demo:FlashSales"] = "false"; // the test's own sale, on the demo stream and on a real one
        settings["Attribution:PollInterval"] = "00:00:00.050";
        await using var node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(), settings, environment: Environments.Production);

        // The demo is there: its stream, watched by the simulated crowd as well as by this viewer.
        await WaitUntilAsync(async () => (await node.Http.GetAsync($"/api/streams/{Demo}")).IsSuccessStatusCode, "the demo stream seeded");
        var demoBuyerToken = await node.ViewerTokenAsync();
        await using var demoBuyer = await LiveViewer.ConnectAsync(node.Address, demoBuyerToken);
        await demoBuyer.JoinAsync(Demo);
        await demoBuyer.WaitUntilAsync(v => v.States<ViewerCountChanged>().Any(c => c.StreamId == Demo && c.Viewers >= 3), Patience, "the simulated crowd");

        // One sale of the demo brand's host on both the demo stream and a real stream of hers.
        using var mia = As(node, "mia");
        var real = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsJsonAsync("/api/streams",
            new ScheduleStreamRequest("A real show", "", DateTimeOffset.UtcNow.AddMinutes(10), null, null), LiveApi.Json));
        var request = await FlashApi.WithCatalogProductAsync(node, FlashApi.Request(Demo, quantity: 10) with { StreamIds = [Demo, real.Id] });
        using var glow = As(node, "glow");
        var sale = await LiveApi.ReadAsync<FlashSaleDto>(await glow.PostAsJsonAsync("/api/flash-sales", request, LiveApi.Json));

        // Bought while watching the demo: it happens live, as anyone watching sees ...
        var demoOrder = await BuyAsync(demoBuyer, Demo, sale.Id, "demo-buy");
        Assert.Equal(Demo, demoOrder.StreamId);
        await demoBuyer.WaitUntilAsync(v => v.Events(Demo).OfType<PurchaseMade>().Any(p => p.SaleId == sale.Id), Patience, "the purchase moment");

        // ... then a real buyer on the real stream, after it in the log.
        var realBuyerToken = await node.ViewerTokenAsync();
        await using var realBuyer = await LiveViewer.ConnectAsync(node.Address, realBuyerToken);
        await realBuyer.JoinAsync(real.Id);
        var realOrder = await BuyAsync(realBuyer, real.Id, sale.Id, "real-buy");

        // The books see the real order and only it (once the later order is counted, the earlier one would
        // have been), and only the real stream's audience: the crowd and the demo buyer watched the demo.
        var day = realOrder.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd");
        var brand = await SettledAsync(glow, $"/api/reports/brand?from={day}&to={day}");
        var host = await SettledAsync(mia, $"/api/reports/influencer?from={day}&to={day}");
        foreach (var report in new[] { brand, host })
        {
            Assert.Equal((1L, 1L, (long?)1), (report.Total.Orders, report.Total.Units, report.Total.UniqueViewers));
            Assert.DoesNotContain(report.Rows, r => r.Key == Demo);
            Assert.Contains(report.Rows, r => r.Dimension == "stream" && r.Key == real.Id && r.Orders == 1);
        }

        Assert.Empty(await FlashApi.MyOrdersAsync(node, demoBuyerToken));
        Assert.Equal(realOrder.Id, Assert.Single(await FlashApi.MyOrdersAsync(node, realBuyerToken)).Id);
    }

    /// <summary>A demo account's client with a token minted by the node: outside Development there is no dev sign-in.</summary>
    private static HttpClient As(TestNode node, string handle)
    {
        var account = node.Get<DemoAccounts>().FindByHandle(handle)!;
        return node.Authorized(node.Get<TokenIssuer>().Issue(new SessionIdentity(account.Id, account.DisplayName, account.Role)).Token);
    }

    private static async Task<OrderDto> BuyAsync(LiveViewer buyer, string streamId, string saleId, string key)
    {
        var hold = await buyer.Hub.Reserve(streamId, saleId, 1, key);
        Assert.Equal(ReserveOutcome.Held, hold.Outcome);
        var result = await buyer.Hub.PayAsync(hold.HoldId!, key);
        Assert.Equal(CheckoutOutcome.Confirmed, result.Outcome);
        return result.Order!;
    }

    /// <summary>The projector follows the order log in the background: the report once it counts an order.</summary>
    private static async Task<EarningsReport> SettledAsync(HttpClient owner, string url)
    {
        EarningsReport report = null!;
        await WaitUntilAsync(async () => (report = await LiveApi.ReadAsync<EarningsReport>(await owner.GetAsync(url))).Total.Orders > 0, "the real order in " + url);
        return report;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {Patience} waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
