namespace LiveCommerce.Server.Features.Attribution;

public static class AttributionRegistration
{
    /// <summary>Share links, the earnings projector (one per node; exactly-once through the store) and reports.</summary>
    public static WebApplicationBuilder AddAttribution(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AttributionOptions>().BindConfiguration(AttributionOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<ReportBuilder>();
        services.AddSingleton<ReportNames>();
        services.AddSingleton<ExportLinks>();
        services.AddSingleton<EarningsProjector>();
        services.AddHostedService(sp => sp.GetRequiredService<EarningsProjector>());
        return builder;
    }
}
