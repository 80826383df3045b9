using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// The engine's <c>on_publish_done</c>: the encoder went away. Viewers see "reconnecting" for
/// <see cref="VideoOptions.ReconnectGrace"/>; <see cref="EndStreamsWithoutEncoder"/> ends the stream after it.
/// A refused or stale encoder's departure changes nothing.
/// </summary>
public sealed record PublisherLeft(string StreamId, string PublisherId) : ICommand;

public sealed class PublisherLeftHandler(IStreamStore streams, IIngestStore ingest, ILiveEvents events, IOptions<VideoOptions> options, TimeProvider clock)
    : ICommandHandler<PublisherLeft>
{
    public async ValueTask<Unit> Handle(PublisherLeft command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.ReconnectGrace;
        if (await ingest.ReleaseAsync(command.StreamId, command.PublisherId, until, ct)
            && await streams.GetAsync(command.StreamId, ct) is { Status: StreamStatus.Live } stream)
        {
            await events.PublishAsync(new StreamReconnecting { StreamId = stream.Id, At = now, EndsAt = until }, ct);
        }

        return Unit.Value;
    }
}
