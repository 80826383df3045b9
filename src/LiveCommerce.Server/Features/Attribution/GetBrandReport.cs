using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>A brand's sales; a brand sees only its own, an admin names one.</summary>
public sealed record GetBrandReport(Actor Actor, string? BrandId, ReportQuery Query) : IQuery<EarningsReport>, IValidated
{
    public void Validate(Validator v)
    {
        Query.Validate(v);
        v.Require(BrandId is null || TextRules.IsId(BrandId), "brandId is not a valid id.");
    }
}

public sealed class GetBrandReportHandler(ReportBuilder builder, ReportNames names) : IQueryHandler<GetBrandReport, EarningsReport>
{
    public async ValueTask<EarningsReport> Handle(GetBrandReport query, CancellationToken ct) =>
        await names.NameAsync(await builder.BuildAsync(ReportOf.Brand, ReportAccess.Owner(query.Actor, Roles.Brand, query.BrandId, "brandId"), query.Query, ct), ct);
}
