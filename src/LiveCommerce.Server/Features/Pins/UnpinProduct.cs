using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Pins;

public sealed record UnpinProduct(Actor Actor, string StreamId, string ProductId) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("productId", ProductId);
}

public sealed class UnpinProductHandler(IStreamStore streams, IPinStore pins, ILiveEvents events, TimeProvider clock)
    : ICommandHandler<UnpinProduct>
{
    public async ValueTask<Unit> Handle(UnpinProduct command, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        // Only the caller that removed the pin announces it, so a racing expiry cannot double it.
        var removed = await pins.TryUnpinAsync(stream.Id, command.ProductId, ct)
            ?? throw AppException.Conflict(ErrorCodes.NotPinned, "That product is not pinned.");
        await events.PublishAsync(
            new ProductUnpinned { StreamId = stream.Id, At = clock.GetUtcNow(), ProductId = removed.ProductId, PinId = removed.PinId, Reason = "host" }, ct);
        return Unit.Value;
    }
}
