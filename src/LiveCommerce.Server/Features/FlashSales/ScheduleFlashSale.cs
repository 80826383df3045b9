using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>A brand schedules a flash sale (or opens a Regular, always-on one) in one or more streams.</summary>
public sealed record ScheduleFlashSale(Actor Actor, ScheduleFlashSaleRequest Request) : ICommand<FlashSaleDto>, IValidated
{
    public void Validate(Validator v) => SaleRules.ValidateShape(v, Request);
}

public sealed class ScheduleFlashSaleHandler(
    ICatalogStore catalog,
    IFlashSaleInventory inventory,
    ISaleSchedule schedule,
    IStreamStore streams,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock) : ICommandHandler<ScheduleFlashSale, FlashSaleDto>
{
    public async ValueTask<FlashSaleDto> Handle(ScheduleFlashSale command, CancellationToken ct)
    {
        if (command.Actor.Role == Roles.Host)
        {
            // docs/decisions/0005-brands-own-sale-prices.md: brands set prices; a host launches what a brand scheduled.
            throw AppException.Forbidden(ErrorCodes.BrandsScheduleSales, "Brands schedule sales on their products; a host launches the sales brands scheduled.");
        }

        if (command.Actor.Role is not (Roles.Brand or Roles.Admin))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only brands schedule sales.");
        }

        var now = clock.GetUtcNow();
        var sale = await SaleRules.BuildAsync(
            "fs-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), command.Actor, command.Request, streams, catalog, options.Value, now, ct);
        await SaleRules.RequireRoomAsync(inventory, sale, options.Value, now, ct);
        await inventory.CreateAsync(sale, ct);
        await SaleRules.RecheckPartneredAsync(command.Actor, sale, streams, catalog, clock, () => SaleRules.TakeBackAsync(inventory, sale.Id));
        await SaleRules.ScheduleEdgesAsync(schedule, sale, options.Value, ct);
        return (await inventory.GetAsync(sale.Id, ct) ?? sale).ToDto(now);
    }
}
