using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

public sealed record UpdateProduct(Actor Actor, string ProductId, ProductRequest Request) : ICommand<ProductDto>, IValidated
{
    public void Validate(Validator v) => CatalogRules.ValidateProduct(v, Request);
}

public sealed class UpdateProductHandler(ICatalogStore catalog, IPublisher publisher, TimeProvider clock) : ICommandHandler<UpdateProduct, ProductDto>
{
    public async ValueTask<ProductDto> Handle(UpdateProduct command, CancellationToken ct)
    {
        var product = await catalog.GetOwnedAsync(command.ProductId, command.Actor, ct);
        var updated = CatalogRules.Apply(product, command.Request, clock.GetUtcNow());
        await publisher.Publish(new ProductStockChanging(product, updated), ct);
        if (!await catalog.UpdateProductAsync(updated, ct))
        {
            throw AppException.NotFound(ErrorCodes.ProductNotFound, "No such product.");
        }

        return (await catalog.GetRequiredAsync(updated.Id, ct)).ToDto();
    }
}
