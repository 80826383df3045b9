using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>A host of one of the sale's streams starts a scheduled sale now (keeping its duration).</summary>
public sealed record LaunchFlashSale(Actor Actor, string SaleId) : ICommand<FlashSaleDto>;

public sealed class LaunchFlashSaleHandler(
    IFlashSaleInventory inventory, ISaleSchedule schedule, IStreamStore streams, ICatalogStore catalog, IOptions<FlashSaleOptions> options, TimeProvider clock)
    : ICommandHandler<LaunchFlashSale, FlashSaleDto>
{
    public async ValueTask<FlashSaleDto> Handle(LaunchFlashSale command, CancellationToken ct)
    {
        var sale = await inventory.GetRequiredAsync(command.SaleId, ct);
        var hosts = await Task.WhenAll(sale.StreamIds.Select(id => streams.GetAsync(id, ct)));
        if (!command.Actor.IsAdmin && !hosts.Any(s => s is not null && s.IsOwnedBy(command.Actor)))
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "Only a host of one of the sale's streams can launch it.");
        }

        // Going live puts the brand's sale on every one of its streams: each host must still be partnered.
        await SaleRules.RequirePartneredAsync(command.Actor, sale, streams, catalog, clock.GetUtcNow(), ct);
        if (sale.Kind != SaleKind.Flash || await inventory.LaunchAsync(sale.Id, sale.Duration, ct) is not { } window)
        {
            throw AppException.Conflict(ErrorCodes.SaleNotEditable, "Only a scheduled flash sale can be launched.");
        }

        // The scheduler announces it within one interval, exactly once, like any other start.
        var launched = sale with { StartsAt = window.StartsAt, EndsAt = window.EndsAt };
        await SaleRules.ScheduleEdgesAsync(schedule, launched, options.Value, ct);
        return (await inventory.GetRequiredAsync(sale.Id, ct)).ToDto(clock.GetUtcNow());
    }
}
