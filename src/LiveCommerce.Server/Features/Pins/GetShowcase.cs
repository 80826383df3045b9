using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Pins;

public sealed record GetShowcase(string StreamId) : IQuery<IReadOnlyList<ProductDto>>;

public sealed class GetShowcaseHandler(IStreamStore streams, ICatalogStore catalog, IPinStore pins) : IQueryHandler<GetShowcase, IReadOnlyList<ProductDto>>
{
    public async ValueTask<IReadOnlyList<ProductDto>> Handle(GetShowcase query, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(query.StreamId, ct);
        var ids = await pins.GetShowcaseAsync(stream.Id, ct);
        return (await catalog.GetProductsAsync(ids, ct)).Select(p => p.ToDto()).ToList();
    }
}
