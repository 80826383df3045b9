using LiveCommerce.Contracts;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

public sealed record GetProduct(string ProductId) : IQuery<ProductDto>;

public sealed class GetProductHandler(ICatalogStore catalog) : IQueryHandler<GetProduct, ProductDto>
{
    public async ValueTask<ProductDto> Handle(GetProduct query, CancellationToken ct) =>
        (await catalog.GetRequiredAsync(query.ProductId, ct)).ToDto();
}
