using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

public sealed record ListPartnerships(Actor Actor) : IQuery<IReadOnlyList<PartnershipDto>>;

public sealed class ListPartnershipsHandler(ICatalogStore catalog, IAccountDirectory accounts) : IQueryHandler<ListPartnerships, IReadOnlyList<PartnershipDto>>
{
    public async ValueTask<IReadOnlyList<PartnershipDto>> Handle(ListPartnerships query, CancellationToken ct)
    {
        var found = query.Actor.Role switch
        {
            Roles.Brand => await catalog.ListPartnershipsByBrandAsync(query.Actor.BrandId!, ct),
            Roles.Host => await catalog.ListPartnershipsByHostAsync(query.Actor.UserId, ct),
            _ => throw AppException.Forbidden(ErrorCodes.Forbidden, "Only brands and hosts have partnerships."),
        };
        return await accounts.DescribeAsync(found, ct);
    }
}
