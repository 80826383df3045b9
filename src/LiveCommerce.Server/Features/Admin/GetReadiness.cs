using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveCommerce.Server.Features.Admin;

/// <summary>
/// The readiness checks of this node's adapters (Redis, PostgreSQL, Blob, the media engine, the
/// backplane: whichever it is configured with), as <c>/health/ready</c> runs them, for the operator page.
/// </summary>
public sealed record GetReadiness(Actor Actor) : IQuery<ReadinessDto>;

public sealed class GetReadinessHandler(HealthCheckService health) : IQueryHandler<GetReadiness, ReadinessDto>
{
    public async ValueTask<ReadinessDto> Handle(GetReadiness query, CancellationToken ct)
    {
        AdminRules.RequireAdmin(query.Actor);
        var report = await health.CheckHealthAsync(ct);
        return new ReadinessDto(
            report.Status.ToString(),
            report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new ReadinessCheckDto(e.Key, e.Value.Status.ToString(), e.Value.Description, (int)e.Value.Duration.TotalMilliseconds))
                .ToList());
    }
}
