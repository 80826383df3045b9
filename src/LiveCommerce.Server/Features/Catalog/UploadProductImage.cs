using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

/// <summary>The brand adds an image: checked by content, stored under a generated name, appended to the product.</summary>
public sealed record UploadProductImage(Actor Actor, string ProductId, Stream Content) : ICommand<ProductDto>;

public sealed class UploadProductImageHandler(ICatalogStore catalog, IMediaStore media) : ICommandHandler<UploadProductImage, ProductDto>
{
    public async ValueTask<ProductDto> Handle(UploadProductImage command, CancellationToken ct)
    {
        var product = await catalog.GetOwnedAsync(command.ProductId, command.Actor, ct);
        if (product.ImageUrls.Count >= CatalogRules.MaxImages)
        {
            throw new AppException(ErrorCodes.ValidationFailed, $"A product has at most {CatalogRules.MaxImages} images.");
        }

        var name = await media.SaveImageAsync($"products/{product.Id}", command.Content, ct);
        if (!await catalog.AddProductImageAsync(product.Id, MediaRegistration.Url(name), CatalogRules.MaxImages, ct))
        {
            await media.DeleteAsync(name, ct); // lost a race to the image limit: leave nothing behind
            throw new AppException(ErrorCodes.ValidationFailed, $"A product has at most {CatalogRules.MaxImages} images.");
        }

        return (await catalog.GetRequiredAsync(product.Id, ct)).ToDto();
    }
}
