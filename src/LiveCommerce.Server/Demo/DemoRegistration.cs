namespace LiveCommerce.Server.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seeds the demo streams at start (idempotent, safe on every node).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Simulated viewers watching the live demo stream; 0 for none.</summary>
    public int CrowdSize { get; set; } = 25;

    /// <summary>Keeps a flash sale scheduled or running on the live demo stream.</summary>
    public bool FlashSales { get; set; } = true;
}

public static class DemoRegistration
{
    public static WebApplicationBuilder AddLiveCommerceDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());
        builder.Services.AddHostedService<DemoCrowd>();
        builder.Services.AddHostedService<DemoFlashSales>();
        return builder;
    }
}
