using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using Mediator;

namespace LiveCommerce.Server.Features.Orders;

/// <summary>
/// A brand's orders, newest first, each with when it was refunded. Every member of the brand (staff
/// included) reads them; refunding needs a manager (RefundOrder). <paramref name="BrandId"/> is for
/// admins; a member always reads their own brand's.
/// </summary>
public sealed record ListBrandOrders(Actor Actor, string? BrandId, int Limit) : IQuery<IReadOnlyList<BrandOrderDto>>, IValidated
{
    public void Validate(Validator v) =>
        v.Require(Limit is >= 1 and <= 500, "limit must be between 1 and 500.", "limit")
         .Require(BrandId is null || TextRules.IsId(BrandId), "brandId is not a valid id.", "brandId");
}

public sealed class ListBrandOrdersHandler(IOrderLog orders, IFlashSaleInventory inventory) : IQueryHandler<ListBrandOrders, IReadOnlyList<BrandOrderDto>>
{
    public async ValueTask<IReadOnlyList<BrandOrderDto>> Handle(ListBrandOrders query, CancellationToken ct)
    {
        if (query.Actor.IsAdmin && query.BrandId is null)
        {
            throw AppException.ForField(ErrorCodes.ValidationFailed, "brandId", "Name the brand whose orders to list (brandId).");
        }

        var brand = query.Actor.IsAdmin ? query.BrandId : query.Actor.BrandId;
        if (brand is null || (!query.Actor.IsAdmin && !query.Actor.ActsFor(brand)))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only a brand's members see its orders.");
        }

        if (!query.Actor.IsAdmin && query.BrandId is not null && query.BrandId != brand)
        {
            throw AppException.Forbidden(ErrorCodes.NotMember, "You are not a member of that brand.");
        }

        var list = await orders.ListForBrandAsync(brand, query.Limit, ct);
        var refunds = await Task.WhenAll(list.GroupBy(o => o.SaleId).Select(g => inventory.RefundsAsync(g.Key, g.Select(o => o.Id).ToList(), ct)));
        var refunded = refunds.SelectMany(r => r).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        return list.Select(o => new BrandOrderDto(o, refunded.TryGetValue(o.Id, out var at) ? at : null)).ToList();
    }
}
