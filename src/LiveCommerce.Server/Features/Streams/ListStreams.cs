using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>The public listing of one status; optionally only one language or category (matched among the newest 200).</summary>
public sealed record ListStreams(StreamStatus Status, int Limit = 50, string? Language = null, string? Category = null) : IQuery<IReadOnlyList<StreamDto>>;

public sealed class ListStreamsHandler(IStreamStore streams, IViewerPresence viewers) : IQueryHandler<ListStreams, IReadOnlyList<StreamDto>>
{
    public async ValueTask<IReadOnlyList<StreamDto>> Handle(ListStreams query, CancellationToken ct)
    {
        var limit = Math.Clamp(query.Limit, 1, 200);
        var filtered = query.Language is not null || query.Category is not null;
        var found = (await streams.ListAsync(query.Status, filtered ? 200 : limit, ct))
            .Where(s => query.Language is null || (s.Language is { } l && (l.Equals(query.Language, StringComparison.OrdinalIgnoreCase)
                || l.StartsWith(query.Language + "-", StringComparison.OrdinalIgnoreCase))))
            .Where(s => query.Category is null || s.Categories.Contains(query.Category.Trim().ToLowerInvariant(), StringComparer.Ordinal))
            .Take(limit)
            .ToList();
        var result = new List<StreamDto>(found.Count);
        foreach (var s in found)
        {
            result.Add(s.ToDto(s.Status == StreamStatus.Live ? await viewers.CountAsync(s.Id, ct) : 0));
        }

        return result;
    }
}
