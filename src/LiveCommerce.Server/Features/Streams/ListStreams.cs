using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

public sealed record ListStreams(StreamStatus Status, int Limit = 50) : IQuery<IReadOnlyList<StreamDto>>;

public sealed class ListStreamsHandler(IStreamStore streams, IViewerPresence viewers) : IQueryHandler<ListStreams, IReadOnlyList<StreamDto>>
{
    public async ValueTask<IReadOnlyList<StreamDto>> Handle(ListStreams query, CancellationToken ct)
    {
        var found = await streams.ListAsync(query.Status, Math.Clamp(query.Limit, 1, 200), ct);
        var result = new List<StreamDto>(found.Count);
        foreach (var s in found)
        {
            result.Add(s.ToDto(s.Status == StreamStatus.Live ? await viewers.CountAsync(s.Id, ct) : 0));
        }

        return result;
    }
}
