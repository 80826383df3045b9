using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

/// <summary>
/// The brand replaces a product's variants (and so its stock, their sum) and nothing else. A variant
/// that names a sku must be one of this product's: a sku from another product is refused, not copied.
/// </summary>
/// <remarks>
/// A variant's new stock also becomes its buy-now item's quantity, refused below what is sold plus held
/// (<see cref="ProductStockChanging"/>). Flash sales keep their own quantity, set on the sale.
/// </remarks>
public sealed record SetProductVariants(Actor Actor, string ProductId, ProductVariantsRequest Request) : ICommand<ProductDto>, IValidated
{
    public void Validate(Validator v)
    {
        if (Request?.Variants is null)
        {
            v.Refuse("variants is required (an empty list removes them all).", "variants");
            return;
        }

        CatalogRules.ValidateVariants(v, Request.Variants);
    }
}

public sealed class SetProductVariantsHandler(ICatalogStore catalog, IPublisher publisher, TimeProvider clock) : ICommandHandler<SetProductVariants, ProductDto>
{
    public async ValueTask<ProductDto> Handle(SetProductVariants command, CancellationToken ct)
    {
        var product = await catalog.GetOwnedAsync(command.ProductId, command.Actor, ct);
        var known = product.Variants.Select(x => x.Sku).ToHashSet(StringComparer.Ordinal);
        var requested = command.Request.Variants;
        for (var i = 0; i < requested.Count; i++)
        {
            if (requested[i].Sku is { } sku && !known.Contains(sku))
            {
                throw AppException.ForField(ErrorCodes.VariantNotFound, $"variants[{i}].sku",
                    $"Variant {sku} is not one of this product's variants; leave the sku out for a new variant.", StatusCodes.Status404NotFound);
            }
        }

        var variants = CatalogRules.ApplyVariants(requested);
        var updated = product with
        {
            Variants = variants,
            // Without variants the product keeps the stock it had as a whole.
            Stock = variants.Count > 0 ? variants.Sum(x => x.Stock) : product.Variants.Count > 0 ? 0 : product.Stock,
            UpdatedAt = clock.GetUtcNow(),
        };
        await publisher.Publish(new ProductStockChanging(product, updated), ct);
        if (!await catalog.UpdateProductAsync(updated, ct))
        {
            throw AppException.NotFound(ErrorCodes.ProductNotFound, "No such product.");
        }

        return (await catalog.GetRequiredAsync(updated.Id, ct)).ToDto();
    }
}
