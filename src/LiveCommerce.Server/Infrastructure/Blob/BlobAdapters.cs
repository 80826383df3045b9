using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Blob;

/// <summary>
/// Media and the order archive in Azure Blob Storage, and its readiness check (<c>blob</c>, only
/// <c>Degraded</c> when it fails: the live path does not need Blob). Chosen by the host when
/// <c>Blob:ConnectionString</c> is set.
/// </summary>
public static class BlobAdapters
{
    public static IServiceCollection AddBlobAdapters(this IServiceCollection services, BlobOptions blob)
    {
        services.AddSingleton<IMediaStore>(sp => new BlobMediaStore(
            blob.ConnectionString, blob.Container, sp.GetRequiredService<IOptions<MediaOptions>>().Value.MaxImageBytes));
        services.AddSingleton<IOrderArchive>(new BlobOrderArchive(blob.ConnectionString, blob.Container));
        services.AddHealthChecks().AddCheck<BlobHealthCheck>("blob", failureStatus: HealthStatus.Degraded, tags: [HealthRegistration.Ready]);
        return services;
    }
}
