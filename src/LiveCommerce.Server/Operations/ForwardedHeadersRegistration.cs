using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Operations;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy. <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are honoured only from the proxies listed in <c>ForwardedHeaders:*</c>:
/// the client address then becomes the one the proxy saw (rate limits, logs) and the scheme the one
/// the browser used (links, secure cookies). From any other address the headers are ignored, so a
/// client cannot pick its own rate-limit bucket by forging them. Nothing listed: no header is trusted
/// (not even from loopback, which ASP.NET Core would trust by default).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of the nodes, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies live in (CIDR), e.g. <c>10.244.0.0/16</c> for the ingress pods.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Proxies a request passes that append to <c>X-Forwarded-For</c> (nginx in front of the nodes: 1).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public bool TrustsAnyProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<string> Errors() =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Select(p => $"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")
            .Concat(KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _))
                .Select(n => $"ForwardedHeaders:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/8)."));
}

public static class ForwardedHeadersRegistration
{
    public static WebApplicationBuilder AddLiveCommerceForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateDataAnnotations()
            .Validate(s => !s.Errors().Any(), "ForwardedHeaders: every known proxy must be an IP address and every known network a CIDR range.")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, configured) =>
        {
            var settings = configured.Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static IApplicationBuilder UseLiveCommerceForwardedHeaders(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.TrustsAnyProxy
            ? app.UseForwardedHeaders()
            : app;
}
