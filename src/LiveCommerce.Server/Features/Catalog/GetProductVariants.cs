using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

/// <summary>A product's variants (size, colour, stock each): public, as the product is.</summary>
public sealed record GetProductVariants(string ProductId) : IQuery<IReadOnlyList<ProductVariantDto>>;

public sealed class GetProductVariantsHandler(ICatalogStore catalog) : IQueryHandler<GetProductVariants, IReadOnlyList<ProductVariantDto>>
{
    public async ValueTask<IReadOnlyList<ProductVariantDto>> Handle(GetProductVariants query, CancellationToken ct) =>
        (await catalog.GetRequiredAsync(query.ProductId, ct)).Variants;
}
