using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

public sealed record GetStream(string StreamId) : IQuery<StreamDto>;

public sealed class GetStreamHandler(IStreamStore streams, IViewerPresence viewers) : IQueryHandler<GetStream, StreamDto>
{
    public async ValueTask<StreamDto> Handle(GetStream query, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(query.StreamId, ct);
        return stream.ToDto(await viewers.CountAsync(stream.Id, ct));
    }
}
