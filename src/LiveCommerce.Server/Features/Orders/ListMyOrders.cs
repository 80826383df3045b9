using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Orders;

/// <summary>A viewer sees only their own orders: the buyer is the caller, never a parameter.</summary>
public sealed record ListMyOrders(Actor Actor, int Limit) : IQuery<IReadOnlyList<OrderDto>>, IValidated
{
    public void Validate(Validator v) => v.Require(Limit is >= 1 and <= 500, "limit must be between 1 and 500.");
}

public sealed class ListMyOrdersHandler(IOrderLog orders) : IQueryHandler<ListMyOrders, IReadOnlyList<OrderDto>>
{
    public async ValueTask<IReadOnlyList<OrderDto>> Handle(ListMyOrders query, CancellationToken ct) =>
        await orders.ListForBuyerAsync(query.Actor.UserId, query.Limit, ct);
}
