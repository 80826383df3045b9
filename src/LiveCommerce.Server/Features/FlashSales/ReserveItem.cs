using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Shipping;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// A viewer buys a pinned product now, at list price: the chosen variant and quantity are held from
/// the variant's regular item (<see cref="RegularItems"/>), then paid with Checkout as for a flash sale.
/// <paramref name="StreamId"/>: the stream the buyer watches (the hub checked it joined); the product
/// must be pinned there, and the purchase is attributed to its host.
/// </summary>
public sealed record ReserveItem(Actor Actor, string? StreamId, string ProductId, string? VariantId, int Quantity, string IdempotencyKey)
    : ICommand<ReserveResult>, IValidated
{
    public void Validate(Validator v) =>
        v.Id("productId", ProductId).Id("idempotencyKey", IdempotencyKey)
         .Require(VariantId is null || TextRules.IsId(VariantId), "variantId is not a valid id.", "variantId");
}

public sealed class ReserveItemHandler(
    ICatalogStore catalog,
    IStreamStore streams,
    IPinStore pins,
    IFlashSaleInventory inventory,
    ISaleSchedule schedule,
    ReserveBatcher batcher,
    ShipsToGate shipsTo,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock) : ICommandHandler<ReserveItem, ReserveResult>
{
    public async ValueTask<ReserveResult> Handle(ReserveItem command, CancellationToken ct)
    {
        command.Actor.RequireAccount("buy");
        var limit = options.Value.RegularPerBuyerLimit;
        if (command.Quantity < 1 || command.Quantity > limit)
        {
            throw AppException.ForField(ErrorCodes.InvalidQuantity, "quantity", $"The quantity must be between 1 and {limit}.");
        }

        var product = await catalog.GetProductAsync(command.ProductId, ct)
            ?? throw AppException.NotFound(ErrorCodes.ProductNotFound, "No such product.");
        if (command.VariantId is null && product.Variants.Count > 0)
        {
            throw AppException.ForField(ErrorCodes.VariantRequired, "variantId", "Choose a variant (size or colour).");
        }

        if (command.VariantId is not null && product.Variants.All(v => v.Sku != command.VariantId))
        {
            throw AppException.ForField(ErrorCodes.VariantNotFound, "variantId", "That variant is not one of this product's.", StatusCodes.Status404NotFound);
        }

        await shipsTo.RequireAsync(command.Actor, product.BrandId, product.ShipsTo, ct);
        var now = clock.GetUtcNow();
        if (command.StreamId is { } streamId)
        {
            var stream = await streams.GetRequiredAsync(streamId, ct);
            if ((await pins.ListAsync(streamId, ct)).All(p => p.ProductId != product.Id))
            {
                throw AppException.Conflict(ErrorCodes.NotPinned, "This product is not pinned in the stream.");
            }

            // The host earns on it only while partnered, as for flash sales.
            await catalog.RequirePartneredAsync(product.BrandId, product.Id, stream.HostId, now, ct);
        }

        var item = await RegularItems.EnsureAsync(inventory, schedule, product, command.VariantId, options.Value, now, ct);
        return await batcher.ReserveAsync(
            new ReserveRequest(item.Id, command.Actor.UserId, command.Quantity, command.IdempotencyKey, command.StreamId), ct);
    }
}

/// <summary>What a viewer may buy of a product now, per variant (a variant's stock is its item's, once it exists).</summary>
public sealed record GetBuyNowOffer(string ProductId) : IQuery<BuyNowOfferDto>, IValidated
{
    public void Validate(Validator v) => v.Id("productId", ProductId);
}

public sealed class GetBuyNowOfferHandler(ICatalogStore catalog, IFlashSaleInventory inventory, IOptions<FlashSaleOptions> options)
    : IQueryHandler<GetBuyNowOffer, BuyNowOfferDto>
{
    public async ValueTask<BuyNowOfferDto> Handle(GetBuyNowOffer query, CancellationToken ct)
    {
        var product = await catalog.GetProductAsync(query.ProductId, ct)
            ?? throw AppException.NotFound(ErrorCodes.ProductNotFound, "No such product.");
        var variants = product.Variants.Count == 0
            ? [new BuyNowVariantDto(null, null, null, product.Stock)]
            : product.Variants.Select(v => new BuyNowVariantDto(v.Sku, v.Size, v.Color, v.Stock)).ToList();
        var items = await Task.WhenAll(variants.Select(v => inventory.GetAsync(RegularItems.IdFor(product.Id, v.VariantId), ct)));
        return new BuyNowOfferDto(
            product.Id, product.Title, product.Price.Amount, product.Price.Currency, options.Value.RegularPerBuyerLimit, RegularItems.HoldSeconds,
            variants.Select((v, i) => items[i] is { } item ? v with { Remaining = item.Stock } : v with { Remaining = Math.Max(0, v.Remaining) }).ToList());
    }
}
