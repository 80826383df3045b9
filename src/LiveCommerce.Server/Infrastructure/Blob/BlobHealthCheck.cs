using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Blob;

/// <summary>Blob answers when the container's properties can be read (or it does not exist yet).</summary>
public sealed class BlobHealthCheck(IOptions<BlobOptions> options) : IHealthCheck
{
    private readonly BlobContainerClient _container = new(options.Value.ConnectionString, options.Value.Container, BlobMediaStore.ClientOptions());

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(2));
            _ = await _container.ExistsAsync(cts.Token);
            return HealthCheckResult.Healthy("Blob storage answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                "Blob storage does not answer: uploads, posters and replays are unavailable; the live path is unaffected.");
        }
    }
}
