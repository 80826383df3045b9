using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_sale_in_her_stream_shows_in_the_hosts_dashboard_and_the_brands_reports()
    {
        var stream = await fx.LiveStreamAsync("Dashboard drop");
        FlashSaleDto sale;
        using (var glow = await fx.AsAsync("glow"))
        {
            var starts = DateTimeOffset.UtcNow.AddMinutes(2);
            sale = await BrowserFixture.Read<FlashSaleDto>(await glow.PostAsJsonAsync("/api/flash-sales", new ScheduleFlashSaleRequest(
                "p-glow-4", null, "Dashboard flash", 12.50m, "USD", 10, starts, starts.AddMinutes(5), 2, null, [stream.Id])));
        }

        using (var mia = await fx.AsAsync("mia"))
        {
            await BrowserFixture.Read<FlashSaleDto>(await mia.PostAsync($"/api/flash-sales/{sale.Id}/launch", null));
        }

        // A buyer watching the stream (the purchase is attributed to its host).
        await using (var buyer = await fx.Node.ViewerAsync("ana"))
        {
            await buyer.JoinAsync(stream.Id);
            var hold = await buyer.Hub.Reserve(stream.Id, sale.Id, 2, "k-" + Guid.NewGuid().ToString("N"));
            Assert.Equal(ReserveOutcome.Held, hold.Outcome);
            var paid = await buyer.Hub.PayAsync(hold.HoldId!, "c-" + Guid.NewGuid().ToString("N"), "USD", "USD");
            Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
        }

        await using var hostContext = await fx.ContextAsync("mia", wide: true);
        var dashboard = await hostContext.NewPageAsync();
        await dashboard.GotoAsync("dashboard");
        var byStream = dashboard.GetByTestId("chart-by-stream");
        await Expect(byStream.GetByRole(AriaRole.Rowheader, new() { Name = "Dashboard drop" })).ToBeVisibleAsync(); // refreshes by itself
        await Expect(dashboard.GetByTestId("total-orders")).Not.ToHaveTextAsync("0");
        // Ana was the stream's one viewer, and she bought: 100 % conversion.
        var audience = dashboard.GetByTestId("stream-audience").Locator($"tr[data-stream-id='{stream.Id}']");
        await Expect(audience.GetByRole(AriaRole.Rowheader, new() { Name = "Dashboard drop" })).ToBeVisibleAsync();
        await Expect(audience.GetByTestId("conversion")).ToHaveTextAsync("100.0%");

        await dashboard.GetByTestId("create-share-link").ClickAsync();
        var qr = dashboard.GetByTestId("share-qr");
        await Expect(qr).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await qr.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the QR code image loaded");
        await Expect(dashboard.GetByTestId("share-url")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/s/"));
        await fx.ScreenshotAsync(dashboard, "dashboard");

        await using var brandContext = await fx.ContextAsync("glow", wide: true);
        var console = await brandContext.NewPageAsync();
        await console.GotoAsync("console");
        await Expect(console.GetByTestId("chart-gmv-by-stream").GetByRole(AriaRole.Rowheader, new() { Name = "Dashboard drop" })).ToBeVisibleAsync();
        // The host who drove the sale by her name and handle, not her id (kept for machines in data-key).
        var byInfluencer = console.GetByTestId("chart-gmv-by-influencer").Locator("tr[data-key='u-host-mia']");
        await Expect(byInfluencer.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("Mia Chen (@mia)");
        await Expect(console.GetByTestId("brand-reports")).Not.ToContainTextAsync("u-host-mia");
        await console.GetByTestId("export-csv").ClickAsync();
        await Expect(console.GetByTestId("csv-link")).ToBeVisibleAsync();
        var csv = await console.GetByTestId("csv-link").GetAttributeAsync("href");
        var download = await fx.Node.Http.GetStringAsync(csv);
        Assert.True(download.Contains(stream.Id, StringComparison.Ordinal), download);
        Assert.Contains("\"Dashboard drop\"", download, StringComparison.Ordinal);
        Assert.Contains("\"Mia Chen\",\"mia\"", download, StringComparison.Ordinal);

        // An operator has no earnings of their own: they read the host's by handle, and nothing else is on screen until then.
        await using var operatorContext = await fx.ContextAsync("admin", wide: true);
        var ops = await operatorContext.NewPageAsync();
        await ops.GotoAsync("dashboard");
        await Expect(ops.GetByTestId("dashboard-host")).ToBeVisibleAsync();
        await Expect(ops.GetByTestId("total-orders")).ToHaveCountAsync(0);
        await ops.GetByLabel("Host's handle").FillAsync("nobody-here");
        await ops.GetByTestId("dashboard-show-host").ClickAsync();
        await Expect(ops.GetByTestId("error-hostHandle")).ToHaveTextAsync("No host with that handle.");
        await ops.GetByLabel("Host's handle").FillAsync("@mia");
        await ops.GetByTestId("dashboard-show-host").ClickAsync();
        await Expect(ops.GetByTestId("error-hostHandle")).ToHaveCountAsync(0);
        await Expect(ops.GetByTestId("chart-by-stream").GetByRole(AriaRole.Rowheader, new() { Name = "Dashboard drop" })).ToBeVisibleAsync();
        await Expect(ops.GetByTestId("total-orders")).Not.ToHaveTextAsync("0");
    }
}
