using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

public sealed record ListBrandProducts(string BrandId, int Limit) : IQuery<IReadOnlyList<ProductDto>>, IValidated
{
    public void Validate(Validator v) => v.Id("brand", BrandId);
}

public sealed class ListBrandProductsHandler(ICatalogStore catalog) : IQueryHandler<ListBrandProducts, IReadOnlyList<ProductDto>>
{
    public async ValueTask<IReadOnlyList<ProductDto>> Handle(ListBrandProducts query, CancellationToken ct) =>
        (await catalog.ListBrandProductsAsync(query.BrandId, Math.Clamp(query.Limit, 1, 200), ct)).Select(p => p.ToDto()).ToList();
}
