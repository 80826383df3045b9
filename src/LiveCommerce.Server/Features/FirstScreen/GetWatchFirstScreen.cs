using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.FirstScreen;

/// <summary>What a shared watch link shows before the app has loaded: the stream and its current pin.</summary>
public sealed record WatchFirstScreen(
    string StreamId, string Title, string HostName, string Description, StreamStatus Status, string? CoverImageUrl, PinDto? Pin);

/// <summary>The first screen of <c>/watch/{id}</c>; null when there is no such stream to show (the app then says so).</summary>
public sealed record GetWatchFirstScreen(string StreamId) : IQuery<WatchFirstScreen?>;

public sealed class GetWatchFirstScreenHandler(IStreamStore streams, IPinStore pins, TimeProvider clock) : IQueryHandler<GetWatchFirstScreen, WatchFirstScreen?>
{
    public async ValueTask<WatchFirstScreen?> Handle(GetWatchFirstScreen query, CancellationToken ct)
    {
        // Any path segment reaches here: only a well-formed id is looked up.
        if (!TextRules.IsId(query.StreamId) || await streams.GetAsync(query.StreamId, ct) is not { } stream || stream.Status == StreamStatus.Cancelled)
        {
            return null;
        }

        // The newest pin still showing; an ended stream has none left to sell.
        var now = clock.GetUtcNow();
        var pin = stream.Status == StreamStatus.Ended ? null : (await pins.ListAsync(stream.Id, ct))
            .Where(p => p.ExpiresAt is null || p.ExpiresAt > now)
            .OrderByDescending(p => p.PinnedAt)
            .FirstOrDefault();
        return new WatchFirstScreen(stream.Id, stream.Title, stream.HostName, stream.Description, stream.Status, stream.CoverImageUrl, pin);
    }
}
