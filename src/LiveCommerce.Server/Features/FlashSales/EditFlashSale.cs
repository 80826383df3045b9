using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>The owning brand edits everything before the start.</summary>
public sealed record UpdateFlashSale(Actor Actor, string SaleId, ScheduleFlashSaleRequest Request) : ICommand<FlashSaleDto>, IValidated
{
    public void Validate(Validator v) => SaleRules.ValidateShape(v, Request);
}

public sealed class UpdateFlashSaleHandler(
    IFlashSaleInventory inventory, ISaleSchedule schedule, IStreamStore streams, ICatalogStore catalog, IOptions<FlashSaleOptions> options, TimeProvider clock)
    : ICommandHandler<UpdateFlashSale, FlashSaleDto>
{
    public async ValueTask<FlashSaleDto> Handle(UpdateFlashSale command, CancellationToken ct)
    {
        var current = await inventory.GetOwnedAsync(command.SaleId, command.Actor, ct);
        var now = clock.GetUtcNow();
        var sale = await SaleRules.BuildAsync(current.Id, command.Actor, command.Request with { Kind = current.Kind }, streams, catalog, options.Value, now, ct);
        if (current.Kind == SaleKind.Regular || await inventory.UpdateBeforeStartAsync(sale, ct) != EditOutcome.Done)
        {
            throw AppException.Conflict(ErrorCodes.SaleNotEditable, "Only a scheduled sale can be edited; once started only its quantity changes.");
        }

        await SaleRules.ScheduleEdgesAsync(schedule, sale, options.Value, ct);
        return (await inventory.GetRequiredAsync(sale.Id, ct)).ToDto(now);
    }
}

/// <summary>Before the end: grow, or cut down to what is already sold plus held. New units go to the waitlist first.</summary>
public sealed record ChangeSaleQuantity(Actor Actor, string SaleId, int Quantity) : ICommand<FlashSaleDto>, IValidated
{
    public void Validate(Validator v) =>
        v.Require(Quantity is >= 0 and <= SaleRules.MaxQuantity, $"quantity must be between 0 and {SaleRules.MaxQuantity}.");
}

public sealed class ChangeSaleQuantityHandler(IFlashSaleInventory inventory, IFlashSaleNotifier notifier, SoldOutCache soldOut, TimeProvider clock)
    : ICommandHandler<ChangeSaleQuantity, FlashSaleDto>
{
    public async ValueTask<FlashSaleDto> Handle(ChangeSaleQuantity command, CancellationToken ct)
    {
        await inventory.GetOwnedAsync(command.SaleId, command.Actor, ct);
        var change = await inventory.ChangeQuantityAsync(command.SaleId, command.Quantity, ct);
        await StockEffects.ApplyAsync(command.SaleId, change, notifier, soldOut, ct);
        return (await inventory.GetRequiredAsync(command.SaleId, ct)).ToDto(clock.GetUtcNow());
    }
}

/// <summary>The owning brand cancels before the start.</summary>
public sealed record CancelFlashSale(Actor Actor, string SaleId) : ICommand<FlashSaleDto>;

public sealed class CancelFlashSaleHandler(IFlashSaleInventory inventory, ISaleSchedule schedule, TimeProvider clock)
    : ICommandHandler<CancelFlashSale, FlashSaleDto>
{
    public async ValueTask<FlashSaleDto> Handle(CancelFlashSale command, CancellationToken ct)
    {
        await inventory.GetOwnedAsync(command.SaleId, command.Actor, ct);
        if (await inventory.CancelAsync(command.SaleId, ct) != EditOutcome.Done)
        {
            throw AppException.Conflict(ErrorCodes.SaleNotEditable, "Only a scheduled sale can be cancelled.");
        }

        await schedule.UnscheduleAsync(command.SaleId, ct);
        return (await inventory.GetRequiredAsync(command.SaleId, ct)).ToDto(clock.GetUtcNow());
    }
}

/// <summary>A host of one of the sale's streams starts a scheduled sale now (keeping its duration).</summary>
public sealed record LaunchFlashSale(Actor Actor, string SaleId) : ICommand<FlashSaleDto>;

public sealed class LaunchFlashSaleHandler(
    IFlashSaleInventory inventory, ISaleSchedule schedule, IStreamStore streams, IOptions<FlashSaleOptions> options, TimeProvider clock)
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

public sealed record GetFlashSale(string SaleId) : IQuery<FlashSaleDto>;

public sealed class GetFlashSaleHandler(IFlashSaleInventory inventory, TimeProvider clock) : IQueryHandler<GetFlashSale, FlashSaleDto>
{
    public async ValueTask<FlashSaleDto> Handle(GetFlashSale query, CancellationToken ct) =>
        (await inventory.GetRequiredAsync(query.SaleId, ct)).ToDto(clock.GetUtcNow());
}

/// <summary>All sales of a stream (scheduled, live, ended), for the host studio and the stream page.</summary>
public sealed record ListStreamSales(string StreamId) : IQuery<IReadOnlyList<FlashSaleDto>>;

public sealed class ListStreamSalesHandler(IFlashSaleInventory inventory, IStreamStore streams, TimeProvider clock)
    : IQueryHandler<ListStreamSales, IReadOnlyList<FlashSaleDto>>
{
    public async ValueTask<IReadOnlyList<FlashSaleDto>> Handle(ListStreamSales query, CancellationToken ct)
    {
        await streams.GetRequiredAsync(query.StreamId, ct);
        var now = clock.GetUtcNow();
        return (await inventory.ListForStreamAsync(query.StreamId, ct)).Select(s => s.ToDto(now)).ToList();
    }
}

public static class StockEffects
{
    /// <summary>After units moved: forget sold-out if stock came back, push stock, tell waitlisted buyers their hold.</summary>
    public static async Task ApplyAsync(string saleId, StockReturn change, IFlashSaleNotifier notifier, SoldOutCache soldOut, CancellationToken ct)
    {
        if (change.Stock > 0 || change.Grants.Count > 0)
        {
            soldOut.StockReturned(saleId);
        }

        notifier.StockChanged(saleId, change.Stock);
        foreach (var grant in change.Grants)
        {
            await notifier.HoldGrantedAsync(grant, ct);
        }
    }
}
