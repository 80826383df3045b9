using LiveCommerce.Client.Features.Reports;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Tests;

public sealed class AudienceTableTests
{
    private static EarningsReport Report(params ReportRow[] rows) =>
        new("u-host-mia", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 23), "USD", new ReportRow("total", "", 0, 0, 0m, 0m), rows, 1, 500, rows.Length);

    [Fact]
    public void Each_stream_shows_its_audience_biggest_first_and_a_stream_without_sales_converts_zero()
    {
        using var ctx = new ClientTestContext();
        var table = ctx.Render<AudienceTable>(p => p
            .Add(t => t.Report, Report(
                new ReportRow("stream", "s-small", 3, 3, 30m, 3m, Buyers: 2, UniqueViewers: 16, PeakViewers: 9, Conversion: 0.125m),
                new ReportRow("product", "p-1", 3, 3, 30m, 3m, Buyers: 2),
                new ReportRow("stream", "s-quiet", 0, 0, 0m, 0m, Buyers: 0, UniqueViewers: 1200, PeakViewers: 800, Conversion: 0m)))
            .Add(t => t.Title, id => id == "s-quiet" ? "Quiet night" : id));

        var rows = table.FindAll("tbody tr");
        Assert.Equal(["Quiet night", "s-small"], rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.Equal(["1,200", "800", "0", "0.0%"], rows[0].QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Equal(["16", "9", "2", "12.5%"], rows[1].QuerySelectorAll("td").Select(c => c.TextContent));
    }

    [Fact]
    public void A_stream_is_shown_by_the_title_the_server_sent_and_keeps_its_id_in_the_markup()
    {
        using var ctx = new ClientTestContext();
        var table = ctx.Render<AudienceTable>(p => p.Add(t => t.Report, Report(
            new ReportRow("stream", "s-glow-week", 1, 1, 10m, 1m, Buyers: 1, UniqueViewers: 4, PeakViewers: 3, Conversion: 0.25m, Name: "Glow week"))));

        var row = table.Find("tbody tr");
        Assert.Equal("Glow week", row.QuerySelector("th")!.TextContent);
        Assert.Equal("s-glow-week", row.GetAttribute("data-stream-id"));
        Assert.DoesNotContain("s-glow-week", table.Find("table").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_streams_says_so_in_the_ui_language()
    {
        using var ctx = new ClientTestContext("es-ES");
        var table = ctx.Render<AudienceTable>(p => p.Add(t => t.Report, Report(new ReportRow("product", "p-1", 1, 1, 1m, 0m, Buyers: 1))));
        Assert.Equal("No hay directos en este periodo.", table.Find("p").TextContent);
    }
}
