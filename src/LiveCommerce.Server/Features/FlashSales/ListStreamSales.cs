using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>All sales of a stream (scheduled, live, ended), for the host studio and the stream page.</summary>
public sealed record ListStreamSales(string StreamId) : IQuery<IReadOnlyList<FlashSaleDto>>;

public sealed class ListStreamSalesHandler(IFlashSaleInventory inventory, IStreamStore streams, TimeProvider clock)
    : IQueryHandler<ListStreamSales, IReadOnlyList<FlashSaleDto>>
{
    public async ValueTask<IReadOnlyList<FlashSaleDto>> Handle(ListStreamSales query, CancellationToken ct)
    {
        await streams.GetRequiredAsync(query.StreamId, ct);
        var now = clock.GetUtcNow();
        return (await inventory.ListForStreamAsync(query.StreamId, ct)).Select(s => s.ToDto(now)).ToList();
    }
}
