using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

public sealed record CreateProduct(Actor Actor, ProductRequest Request) : ICommand<ProductDto>, IValidated
{
    public void Validate(Validator v) => CatalogRules.ValidateProduct(v, Request);
}

public sealed class CreateProductHandler(ICatalogStore catalog, IAccountDirectory accounts, TimeProvider clock) : ICommandHandler<CreateProduct, ProductDto>
{
    public async ValueTask<ProductDto> Handle(CreateProduct command, CancellationToken ct)
    {
        if (command.Actor.Role != Roles.Brand)
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only brands keep a catalog.");
        }

        // Named after the brand the member acts for, not after the member.
        var brandName = (await accounts.FindAsync(command.Actor.BrandId!, ct))?.DisplayName ?? command.Actor.DisplayName;
        var now = clock.GetUtcNow();
        var empty = new Product(
            "p-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), command.Actor.BrandId!, brandName,
            "", "", new Money(0, "USD"), 0, [], [], [], now, now);
        var product = CatalogRules.Apply(empty, command.Request, now);
        await catalog.TryCreateProductAsync(product, ct);
        return product.ToDto();
    }
}
