using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;

namespace LiveCommerce.Server.Features.Attribution;

public static class AttributionRegistration
{
    /// <summary>Share links, the earnings projector (one per node; exactly-once through the store) and reports.</summary>
    public static WebApplicationBuilder AddAttribution(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AttributionOptions>().BindConfiguration(AttributionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        if (redis.Enabled)
        {
            services.AddSingleton<IShareLinkStore, RedisShareLinkStore>();
            services.AddSingleton<IEarningsStore, RedisEarningsStore>();
            services.AddSingleton<IAudienceStore, RedisAudienceStore>();
        }
        else
        {
            services.AddSingleton<IShareLinkStore, LocalShareLinkStore>();
            services.AddSingleton<IEarningsStore, LocalEarningsStore>();
            services.AddSingleton<IAudienceStore, LocalAudienceStore>();
        }

        services.AddSingleton<ReportBuilder>();
        services.AddSingleton<ExportLinks>();
        services.AddSingleton<Realtime.HostMetricsBroadcaster>();
        services.AddSingleton<IHostMetricsNotifier>(sp => sp.GetRequiredService<Realtime.HostMetricsBroadcaster>());
        services.AddHostedService(sp => sp.GetRequiredService<Realtime.HostMetricsBroadcaster>());
        services.AddSingleton<EarningsProjector>();
        services.AddHostedService(sp => sp.GetRequiredService<EarningsProjector>());
        return builder;
    }
}
