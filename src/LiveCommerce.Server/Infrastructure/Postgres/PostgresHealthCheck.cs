using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveCommerce.Server.Infrastructure.Postgres;

/// <summary>Ready when the accounts database (PostgreSQL) accepts a connection within two seconds.</summary>
public sealed class PostgresHealthCheck(AccountsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await db.Database.CanConnectAsync(cts.Token)
                ? HealthCheckResult.Healthy("PostgreSQL accepts connections.")
                : HealthCheckResult.Unhealthy("PostgreSQL does not accept connections: sign-in and accounts are unavailable.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL did not answer within 2 s: sign-in and accounts are unavailable.");
        }
    }
}
