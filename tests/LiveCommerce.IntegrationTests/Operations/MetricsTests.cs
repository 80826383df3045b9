using System.Globalization;
using System.Net;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Operations;

/// <summary>
/// What an operator's Prometheus reads from each node's <c>/metrics</c> during a flash sale on two nodes:
/// every decision the nodes made, each node its own; command durations by outcome; the live connections.
/// </summary>
public sealed class MetricsTests(FlashCluster cluster) : IClassFixture<FlashCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_scrape_during_a_flash_sale_finds_each_nodes_decisions_command_outcomes_and_connections()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var sale = await FlashApi.ScheduleAsync(cluster.B, FlashApi.Request(stream.Id, quantity: 5));
        var crowd = await FlashApi.CrowdAsync([cluster.A, cluster.B], 20, stream.Id); // even on A, odd on B
        try
        {
            var answers = await Task.WhenAll(crowd.Select((buyer, i) => buyer.Viewer.Hub.Reserve(stream.Id, sale.Id, 1, $"m{i}")));
            Assert.Equal(5, answers.Count(a => a.Outcome == ReserveOutcome.Held));
            Assert.Equal(15, answers.Count(a => a.Outcome == ReserveOutcome.SoldOut));
            foreach (var (answer, i) in answers.Select((answer, i) => (answer, i)).Where(x => x.answer.Outcome == ReserveOutcome.Held))
            {
                Assert.Equal(CheckoutOutcome.Confirmed, (await crowd[i].Viewer.Hub.PayAsync(answer.HoldId!, $"c{i}")).Outcome);
            }

            // A comment on each node: which node's buyers won the units (and so announced a purchase in the chat) is chance.
            await crowd[0].Viewer.Hub.SendComment(stream.Id, "Is it in stock?");
            await crowd[1].Viewer.Hub.SendComment(stream.Id, "Which shade?");

            // One buyer asks for no units: refused with a code, which the command metric carries.
            Assert.Equal(ErrorCodes.InvalidQuantity, await FlashApi.HubErrorCodeAsync(() => crowd[0].Viewer.Hub.Reserve(stream.Id, sale.Id, 0, "m-zero")));

            int[] heldOn = [.. Enumerable.Range(0, 2).Select(node => answers.Where((answer, i) => i % 2 == node && answer.Outcome == ReserveOutcome.Held).Count())];
            var a = await ScrapeUntilAsync(cluster.A, m => m.Sum("livecommerce_flashsale_decisions_total") == 10 && m.Sum("livecommerce_comments_batches_total") > 0);
            var b = await ScrapeUntilAsync(cluster.B, m => m.Sum("livecommerce_flashsale_decisions_total") == 10);

            // Each node counts the decisions of its own buyers, and together they are the sale's.
            Assert.Equal(heldOn[0], a.Sum("livecommerce_flashsale_decisions_total", ("outcome", "held")));
            Assert.Equal(heldOn[1], b.Sum("livecommerce_flashsale_decisions_total", ("outcome", "held")));
            Assert.Equal(15, a.Sum("livecommerce_flashsale_decisions_total", ("outcome", "sold_out")) + b.Sum("livecommerce_flashsale_decisions_total", ("outcome", "sold_out")));

            // Command durations by message and outcome: the ten reserves of A's buyers, and the refusal with its code.
            Assert.Equal(10, a.Sum("livecommerce_command_duration_seconds_count", ("message", "Reserve"), ("outcome", "ok")));
            Assert.Equal(1, a.Sum("livecommerce_command_duration_seconds_count", ("message", "Reserve"), ("outcome", "refused"), ("error_type", ErrorCodes.InvalidQuantity)));
            Assert.Equal(heldOn[0], a.Sum("livecommerce_command_duration_seconds_count", ("message", "Checkout"), ("outcome", "ok")));
            Assert.Equal(1, a.Sum("livecommerce_hub_invocations_total", ("method", "Reserve"), ("outcome", "refused")));
            Assert.Equal(10 + heldOn[0], a.Sum("livecommerce_hub_invocations_total", ("outcome", "ok"), ("method", "Reserve")) + a.Sum("livecommerce_hub_invocations_total", ("outcome", "ok"), ("method", "Checkout")));

            // SignalR: the ten buyers connected to each node; HTTP requests; comment batches; the projector's lag.
            Assert.Equal(10, a.Sum("signalr_server_active_connections"));
            Assert.Equal(10, b.Sum("signalr_server_active_connections"));
            Assert.True(a.Sum("http_server_request_duration_seconds_count") > 0, "no HTTP request counted");
            Assert.True(a.Sum("livecommerce_comments_batch_size_sum") >= 1, "no comment in a batch");
            Assert.True(a.Has("livecommerce_projector_lag_seconds", ("projector", "earnings")), "no projector lag");
        }
        finally
        {
            await FlashApi.DisposeAllAsync(crowd);
        }
    }

    [Fact]
    public async Task Metrics_are_refused_through_a_proxy_and_outside_the_allowed_networks()
    {
        await using var behindProxy = await TestNode.StartAsync(null, "metrics-proxy", new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });

        // A scraper beside the node is answered ...
        using (var direct = await behindProxy.Http.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
            Assert.Equal("text/plain", direct.Content.Headers.ContentType?.MediaType);
            Assert.Contains("# TYPE dotnet_gc_collections_total counter", await direct.Content.ReadAsStringAsync());
        }

        // ... a visitor through the (known) proxy is not, nor anyone through a proxy the node does not know.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(behindProxy, "203.0.113.9"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(behindProxy, "10.1.2.3"));
        await using var plain = await TestNode.StartAsync(null, "metrics-plain");
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(plain, "127.0.0.1"));

        // Narrowed to the monitoring subnet, loopback itself is refused.
        await using var narrowed = await TestNode.StartAsync(null, "metrics-narrow", new Dictionary<string, string?> { ["Telemetry:Prometheus:AllowedNetworks:0"] = "10.20.0.0/16" });
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(narrowed, null));
    }

    private static async Task<HttpStatusCode> StatusAsync(TestNode node, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await node.Http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Scrapes until <paramref name="done"/>: the exporter answers from a short cache, and batches are published on a timer.</summary>
    private static Task<Scrape> ScrapeUntilAsync(TestNode node, Func<Scrape, bool> done) =>
        Eventually.WaitForAsync(async () => Scrape.Parse(await node.Http.GetStringAsync("/metrics")), done, $"{node.Address}metrics", Patience);

    /// <summary>The samples of one Prometheus text exposition: name, labels, value.</summary>
    private sealed record Scrape(IReadOnlyList<(string Name, Dictionary<string, string> Labels, double Value)> Samples)
    {
        public static Scrape Parse(string text) => new(text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(ParseLine)
            .ToList());

        public double Sum(string name, params (string Key, string Value)[] labels) =>
            Matching(name, labels).Sum(s => s.Value);

        public bool Has(string name, params (string Key, string Value)[] labels) => Matching(name, labels).Any();

        public override string ToString() =>
            string.Join("; ", Samples.Where(s => s.Name.StartsWith("livecommerce_", StringComparison.Ordinal)).Select(s => $"{s.Name}{{{string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}"));

        private IEnumerable<(string Name, Dictionary<string, string> Labels, double Value)> Matching(string name, (string Key, string Value)[] labels) =>
            Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

        // name{k="v",k2="v2"} value [timestamp]; label values here never hold quotes or commas.
        private static (string, Dictionary<string, string>, double) ParseLine(string line)
        {
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', brace < 0 ? 0 : line.IndexOf('}', StringComparison.Ordinal));
            var name = line[..(brace < 0 ? space : brace)];
            var labels = brace < 0
                ? []
                : line[(brace + 1)..line.IndexOf('}', StringComparison.Ordinal)]
                    .Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(pair => pair.Split('=', 2))
                    .ToDictionary(kv => kv[0], kv => kv[1].Trim('"'));
            var value = line[(space + 1)..].Split(' ')[0];
            return (name, labels, value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ => double.Parse(value, CultureInfo.InvariantCulture),
            });
        }
    }
}
