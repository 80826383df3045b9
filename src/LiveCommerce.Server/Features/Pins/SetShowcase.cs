using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Pins;

/// <summary>The host chooses which partnered products the stream sells (replaces the list).</summary>
public sealed record SetShowcase(Actor Actor, string StreamId, ShowcaseRequest Request) : ICommand<IReadOnlyList<ProductDto>>, IValidated
{
    public void Validate(Validator v) =>
        v.Require(Request?.ProductIds is not null, "productIds is required.")
         .Require(Request?.ProductIds?.All(TextRules.IsId) != false, "productIds must be valid ids.")
         .Require(Request?.ProductIds is null || Request.ProductIds.Distinct(StringComparer.Ordinal).Count() == Request.ProductIds.Count, "productIds must be unique.");
}

public sealed class SetShowcaseHandler(IStreamStore streams, ICatalogStore catalog, IPinStore pins, IOptions<PinOptions> options, TimeProvider clock)
    : ICommandHandler<SetShowcase, IReadOnlyList<ProductDto>>
{
    public async ValueTask<IReadOnlyList<ProductDto>> Handle(SetShowcase command, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        if (stream.Status == StreamStatus.Ended)
        {
            throw AppException.Conflict(ErrorCodes.InvalidTransition, "An ended stream's showcase can no longer change.");
        }

        var ids = command.Request.ProductIds;
        if (ids.Count > options.Value.MaxShowcase)
        {
            throw new AppException(ErrorCodes.ValidationFailed, $"A showcase holds at most {options.Value.MaxShowcase} products.");
        }

        var products = await catalog.GetProductsAsync(ids, ct);
        if (products.Count != ids.Count)
        {
            throw AppException.NotFound(ErrorCodes.ProductNotFound, "Some of the products do not exist.");
        }

        foreach (var product in products)
        {
            await ShowcaseRules.RequirePartneredAsync(catalog, product, stream.HostId, clock.GetUtcNow(), ct);
        }

        await pins.SetShowcaseAsync(stream.Id, ids, ct);
        return products.Select(p => p.ToDto()).ToList();
    }
}
