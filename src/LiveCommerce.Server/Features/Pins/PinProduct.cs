using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Pins;

/// <summary>The host pins a showcase product, optionally for a set time; every viewer gets <see cref="ProductPinned"/>.</summary>
public sealed record PinProduct(Actor Actor, string StreamId, string ProductId, int? DurationSeconds) : ICommand<PinDto>, IValidated
{
    public void Validate(Validator v) =>
        v.Id("productId", ProductId)
         .Require(DurationSeconds is null or > 0, "durationSeconds must be positive (or null for an open pin).");
}

public sealed class PinProductHandler(
    IStreamStore streams, ICatalogStore catalog, IPinStore pins, ILiveEvents events, IOptions<PinOptions> options, TimeProvider clock)
    : ICommandHandler<PinProduct, PinDto>
{
    public async ValueTask<PinDto> Handle(PinProduct command, CancellationToken ct)
    {
        var o = options.Value;
        if (command.DurationSeconds > o.MaxDurationSeconds)
        {
            throw new AppException(ErrorCodes.ValidationFailed, $"durationSeconds must be at most {o.MaxDurationSeconds}.");
        }

        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        if (stream.Status != StreamStatus.Live)
        {
            throw AppException.Conflict(ErrorCodes.StreamNotLive, "Products are pinned while the stream is live.");
        }

        if (!(await pins.GetShowcaseAsync(stream.Id, ct)).Contains(command.ProductId))
        {
            throw AppException.Forbidden(ErrorCodes.NotInShowcase, "Only products of the stream's showcase can be pinned.");
        }

        var product = await catalog.GetRequiredAsync(command.ProductId, ct);
        var now = clock.GetUtcNow();
        await ShowcaseRules.RequirePartneredAsync(catalog, product, stream.HostId, now, ct);

        var pin = new PinDto(
            "pin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), product.Id, product.BrandId, product.BrandName,
            product.Title, product.ImageUrls.FirstOrDefault(), product.Price, now,
            command.DurationSeconds is { } seconds ? now.AddSeconds(seconds) : null);
        switch (await pins.TryPinAsync(stream.Id, pin, o.MaxPins, ct))
        {
            case PinOutcome.AlreadyPinned:
                throw AppException.Conflict(ErrorCodes.AlreadyPinned, "That product is pinned already; unpin it first.");
            case PinOutcome.Full:
                throw AppException.Conflict(ErrorCodes.TooManyPins, $"At most {o.MaxPins} products can be pinned at once; unpin one first.");
        }

        await events.PublishAsync(new ProductPinned { StreamId = stream.Id, At = now, Pin = pin }, ct);
        return pin;
    }
}
