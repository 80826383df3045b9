namespace LiveCommerce.Server.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>
    /// Runs the demo: seeded streams, the simulated crowd, the demo brand's recurring flash sale.
    /// Unset: on in Development, off everywhere else (see <see cref="DemoRegistration.IsEnabled"/>).
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Simulated viewers watching the live demo stream; 0 for none.</summary>
    public int CrowdSize { get; set; } = 25;

    /// <summary>Keeps a flash sale scheduled or running on the live demo stream.</summary>
    public bool FlashSales { get; set; } = true;
}

public static class DemoRegistration
{
    /// <summary>
    /// <c>Demo:Enabled</c> when it is set; otherwise only the Development environment runs the demo,
    /// so a production node that forgets the key never seeds streams, bots or sales.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}") ?? environment.IsDevelopment();

    public static WebApplicationBuilder AddLiveCommerceDemo(this WebApplicationBuilder builder)
    {
        var enabled = IsEnabled(builder.Configuration, builder.Environment);
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).PostConfigure(o => o.Enabled = enabled);
        if (!enabled)
        {
            return builder;
        }

        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());
        builder.Services.AddHostedService<DemoCrowd>();
        builder.Services.AddHostedService<DemoFlashSales>();
        builder.Services.AddHostedService<DemoShipping>();

        // The demo stays off the books (DemoOffTheBooks): its orders and audience. Decorated when the container is
        // built, after every registration, so it wraps whichever adapters the host chose,
        // wherever that registration sits.
        builder.Host.ConfigureContainer<IServiceCollection>((_, services) => DemoOffTheBooks.Decorate(services));
        return builder;
    }
}
