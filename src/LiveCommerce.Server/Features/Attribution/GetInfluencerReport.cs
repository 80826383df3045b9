using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>An influencer's earnings; an influencer sees only their own, an admin names one.</summary>
public sealed record GetInfluencerReport(Actor Actor, string? InfluencerId, ReportQuery Query) : IQuery<EarningsReport>, IValidated
{
    public void Validate(Validator v)
    {
        Query.Validate(v);
        v.Require(InfluencerId is null || TextRules.IsId(InfluencerId), "influencerId is not a valid id.");
    }
}

public sealed class GetInfluencerReportHandler(ReportBuilder builder, ReportNames names) : IQueryHandler<GetInfluencerReport, EarningsReport>
{
    public async ValueTask<EarningsReport> Handle(GetInfluencerReport query, CancellationToken ct) =>
        await names.NameAsync(await builder.BuildAsync(ReportOf.Influencer, ReportAccess.Owner(query.Actor, Roles.Host, query.InfluencerId, "influencerId"), query.Query, ct), ct);
}
