namespace LiveCommerce.Server.Common;

public static class HostedServices
{
    /// <summary>One instance, both injectable (tests drive ticks directly) and run as a hosted service.</summary>
    public static IServiceCollection AddSingletonHostedService<T>(this IServiceCollection services)
        where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
        return services;
    }
}
