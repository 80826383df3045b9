using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>The studio's list: every stream of the calling host (cancelled ones too), newest start first.</summary>
public sealed record ListMyStreams(Actor Actor, int Limit = 100) : IQuery<IReadOnlyList<StreamDto>>;

public sealed class ListMyStreamsHandler(IStreamStore streams, IViewerPresence viewers) : IQueryHandler<ListMyStreams, IReadOnlyList<StreamDto>>
{
    public async ValueTask<IReadOnlyList<StreamDto>> Handle(ListMyStreams query, CancellationToken ct)
    {
        if (query.Actor.Role is not (Roles.Host or Roles.Admin))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only hosts have streams.");
        }

        var found = await streams.ListByHostAsync(query.Actor.UserId, Math.Clamp(query.Limit, 1, 200), ct);
        var result = new List<StreamDto>(found.Count);
        foreach (var s in found)
        {
            result.Add(s.ToDto(s.Status == StreamStatus.Live ? await viewers.CountAsync(s.Id, ct) : 0));
        }

        return result;
    }
}
