using System.Globalization;
using LiveCommerce.Client.Features.Reports;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Tests;

public sealed class ReportChartsTests
{
    private static readonly EarningsReport Report = new(
        "u-host-mia", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 23), "USD",
        new ReportRow("total", "", 5, 6, 100m, 15m),
        [
            new ReportRow("day", "2026-11-21", 2, 2, 40m, 6m),
            new ReportRow("day", "2026-11-23", 3, 4, 60m, 9m),
            new ReportRow("stream", "s-b", 1, 1, 10m, 1.5m),
            new ReportRow("stream", "s-a", 4, 5, 90m, 13.5m),
        ],
        1, 500, 4);

    [Fact]
    public void Every_day_of_the_range_gets_a_bar_and_days_without_sales_are_zero()
    {
        var bars = ReportCharts.ByDay(Report, r => r.Commission, v => v.ToString(CultureInfo.InvariantCulture), CultureInfo.GetCultureInfo("en-US"));

        Assert.Equal(["November 20", "November 21", "November 22", "November 23"], bars.Select(b => b.Label));
        Assert.Equal([0m, 6m, 0m, 9m], bars.Select(b => b.Value));
    }

    [Fact]
    public void A_dimension_is_ranked_largest_first_with_readable_labels()
    {
        var bars = ReportCharts.By(Report, ReportCharts.StreamDimension, r => r.Gmv, v => "$" + v, id => id == "s-a" ? "Glow Week" : id);

        Assert.Equal(["Glow Week", "s-b"], bars.Select(b => b.Label));
        Assert.Equal(["$90", "$10"], bars.Select(b => b.Text));
    }

    [Fact]
    public void Influencers_are_labelled_by_name_and_handle_and_keep_their_id_for_machines()
    {
        var report = Report with
        {
            Rows =
            [
                new ReportRow("influencer", "u-host-leo", 1, 1, 20m, 1m, Name: "Leo García", Handle: "leo"),
                new ReportRow("influencer", "u-viewer-ana", 1, 1, 30m, 1m, Name: "Ana Souza"),
                new ReportRow("influencer", "u-gone", 1, 1, 5m, 1m),
            ],
        };

        var bars = ReportCharts.By(report, ReportCharts.InfluencerDimension, r => r.Gmv, v => "$" + v);

        Assert.Equal(["Ana Souza", "Leo García (@leo)", "u-gone"], bars.Select(b => b.Label)); // an id only where there is no name
        Assert.Equal(["u-viewer-ana", "u-host-leo", "u-gone"], bars.Select(b => b.Key));
    }

    [Fact]
    public void The_brands_chart_shows_the_hosts_name_not_her_id()
    {
        var report = Report with { Rows = [new ReportRow("influencer", "u-host-leo", 2, 2, 40m, 4m, Name: "Leo García", Handle: "leo")] };
        using var ctx = new ClientTestContext();

        var chart = ctx.Render<BarChart>(p => p
            .Add(c => c.Title, "GMV by influencer")
            .Add(c => c.Bars, ReportCharts.By(report, ReportCharts.InfluencerDimension, r => r.Gmv, v => "$" + v)));

        var row = chart.Find("tbody tr");
        Assert.Equal("Leo García (@leo)", row.QuerySelector("th")!.TextContent);
        Assert.Equal("u-host-leo", row.GetAttribute("data-key"));
        Assert.DoesNotContain("u-host-leo", chart.Find("figure").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_range_ends_today_in_utc()
    {
        var range = ReportRangeModel.LastDays(14, new DateTimeOffset(2026, 11, 24, 23, 30, 0, TimeSpan.FromHours(-5)));
        Assert.Equal(new DateOnly(2026, 11, 25), range.To);
        Assert.Equal(new DateOnly(2026, 11, 12), range.From);
    }
}
