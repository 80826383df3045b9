using System.Diagnostics.Metrics;
using System.Net;
using LiveCommerce.Server.Common;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LiveCommerce.Server.Operations;

/// <summary><c>Telemetry:*</c>: where the node's metrics and traces go (docs/OPERATIONS.md, "Metrics and traces").</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public PrometheusSettings Prometheus { get; set; } = new();

    public OtlpSettings Otlp { get; set; } = new();

    public sealed class PrometheusSettings
    {
        /// <summary>Serve <c>/metrics</c>. On by default: only scrapers on the node's own networks get an answer.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>
        /// Who may scrape (CIDR). Empty: loopback and the private ranges (10/8, 172.16/12, 192.168/16, fc00::/7),
        /// where a Prometheus beside the nodes lives. Set it to narrow that, e.g. to the monitoring subnet alone.
        /// </summary>
        public List<string> AllowedNetworks { get; set; } = [];

        public IEnumerable<string> Errors() =>
            AllowedNetworks.Where(n => !IPNetwork.TryParse(n, out _))
                .Select(n => $"Telemetry:Prometheus:AllowedNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/8).");
    }

    public sealed class OtlpSettings
    {
        /// <summary>
        /// The collector traces go to, e.g. <c>http://otel-collector:4317</c>. Empty (the default) and no
        /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> in the environment: no traces are recorded or sent anywhere.
        /// </summary>
        public string Endpoint { get; set; } = "";

        /// <summary>Grpc (port 4317) or HttpProtobuf (port 4318; give the full <c>/v1/traces</c> URL as the endpoint).</summary>
        public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;
    }
}

/// <summary>
/// OpenTelemetry for the node: ASP.NET Core's meters (requests, Kestrel, SignalR connections), the runtime's,
/// and <see cref="LiveCommerceMetrics"/>, scraped by Prometheus on <see cref="ScrapePath"/>; traces
/// (requests, hub invocations, mediator commands) over OTLP only when an endpoint is configured.
/// </summary>
public static class TelemetryRegistration
{
    public const string ScrapePath = "/metrics";

    /// <summary>Where a scraper may live when <c>AllowedNetworks</c> is empty: this machine and private networks.</summary>
    public static readonly IReadOnlyList<IPNetwork> DefaultScrapers =
        new List<string> { "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7" }.ConvertAll(IPNetwork.Parse);

    public static WebApplicationBuilder AddLiveCommerceTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => !o.Prometheus.Errors().Any(), "Telemetry:Prometheus:AllowedNetworks: every entry must be a CIDR range (e.g. 10.0.0.0/8).")
            .ValidateOnStart();
        services.AddSingleton<LiveCommerceMetrics>();

        var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        var otlpEndpoint = string.IsNullOrWhiteSpace(settings.Otlp.Endpoint) ? null : settings.Otlp.Endpoint;
        var otlpFromEnvironment = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);
        if (!settings.Prometheus.Enabled && otlpEndpoint is null && !otlpFromEnvironment)
        {
            return builder; // nothing exported: no SDK, and the instruments record into nothing
        }

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "livecommerce"));
        if (settings.Prometheus.Enabled)
        {
            otel.WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation() // Hosting, Kestrel, Http.Connections (SignalR), Routing, RateLimiting, Diagnostics
                .AddMeter("System.Runtime", LiveCommerceMetrics.MeterName)
                .AddPrometheusExporter());
            services.ConfigureOpenTelemetryMeterProvider((sp, metrics) => metrics.AddView(OnlyThisHost(sp.GetRequiredService<IMeterFactory>())));
        }

        if (otlpEndpoint is not null || otlpFromEnvironment)
        {
            otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments(ScrapePath) && !http.Request.Path.StartsWithSegments("/health"))
                .AddSource("Microsoft.AspNetCore.SignalR.Server", LiveCommerceTracing.SourceName)
                // Without a setting the exporter reads OTEL_EXPORTER_OTLP_* itself.
                .AddOtlpExporter(o =>
                {
                    if (otlpEndpoint is not null)
                    {
                        o.Endpoint = new Uri(otlpEndpoint);
                        o.Protocol = settings.Otlp.Protocol;
                    }
                }));
        }

        return builder;
    }

    /// <summary>
    /// Meters made by another host's <see cref="IMeterFactory"/> (another node in the same process: the
    /// tests) have the same names as this one's; drop them, so each node's <c>/metrics</c> is its own.
    /// Static meters (the runtime's) have no scope and stay.
    /// </summary>
    private static Func<System.Diagnostics.Metrics.Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory factory) =>
        instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, factory) ? null : MetricStreamConfiguration.Drop;

    /// <summary>
    /// <c>/metrics</c>, answered only to a scraper that talks to the node directly from an allowed network:
    /// a request that came through a proxy (it carries forwarding headers, or the forwarded-headers middleware
    /// consumed them) is refused, whatever the proxy's own address, so the public front door never serves it
    /// even if its config forgets to block the path (infra/nginx and infra/k8s block it too).
    /// </summary>
    public static WebApplication MapLiveCommerceMetrics(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        if (!settings.Enabled)
        {
            return app;
        }

        var allowed = settings.AllowedNetworks.Count == 0 ? DefaultScrapers : settings.AllowedNetworks.ConvertAll(IPNetwork.Parse);
        app.MapPrometheusScrapingEndpoint(ScrapePath, meterProvider: null, configureBranchedPipeline: branch => branch.Use((http, next) =>
        {
            if (MayScrape(http, allowed))
            {
                return next(http);
            }

            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }), optionsName: null);
        return app;
    }

    public static bool MayScrape(HttpContext http, IReadOnlyList<IPNetwork> allowed)
    {
        var headers = http.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("X-Original-For") || headers.ContainsKey("Forwarded"))
        {
            return false;
        }

        return http.Connection.RemoteIpAddress is { } address
            && (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address) is var client
            && allowed.Any(n => n.Contains(client));
    }
}
