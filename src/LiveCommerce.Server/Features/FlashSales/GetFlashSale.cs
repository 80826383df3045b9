using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.FlashSales;

public sealed record GetFlashSale(string SaleId) : IQuery<FlashSaleDto>;

public sealed class GetFlashSaleHandler(IFlashSaleInventory inventory, TimeProvider clock) : IQueryHandler<GetFlashSale, FlashSaleDto>
{
    public async ValueTask<FlashSaleDto> Handle(GetFlashSale query, CancellationToken ct) =>
        (await inventory.GetRequiredAsync(query.SaleId, ct)).ToDto(clock.GetUtcNow());
}
