using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// Ends each stream whose encoder stayed away past its reconnect grace. Runs on every node;
/// <see cref="IIngestStore.TryExpireAsync"/> lets exactly one of them end a given stream, and never
/// one whose encoder came back meanwhile.
/// </summary>
public sealed class EndStreamsWithoutEncoder(IIngestStore ingest, ISender sender, TimeProvider clock, ILogger<EndStreamsWithoutEncoder> logger)
    : PeriodicWork(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        foreach (var streamId in await ingest.DueAsync(now, 100, ct))
        {
            if (!await ingest.TryExpireAsync(streamId, now, ct))
            {
                continue;
            }

            try
            {
                await sender.Send(new EndStream(Actor.Platform, streamId), ct);
            }
            catch (AppException e) when (e.Code is ErrorCodes.InvalidTransition or ErrorCodes.StreamNotFound)
            {
                // The host ended it first.
            }
        }
    }
}
