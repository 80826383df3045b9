using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// A viewer taps Buy. One atomic script decides; a sold-out sale is answered from this node's memory.
/// <paramref name="StreamId"/> is the stream the buyer is buying in, for attribution: the hub has
/// checked the caller's connection joined it; it must be one of the sale's. Null: outside any stream.
/// </summary>
public sealed record Reserve(Actor Actor, string SaleId, int Quantity, string IdempotencyKey, string? StreamId) : ICommand<ReserveResult>, IValidated
{
    public void Validate(Validator v) =>
        v.Id("saleId", SaleId).Id("idempotencyKey", IdempotencyKey);
}

public sealed class ReserveHandler(IFlashSaleNotifier notifier, SoldOutCache soldOut, ReserveBatcher batcher, SaleStreams saleStreams)
    : ICommandHandler<Reserve, ReserveResult>
{
    public async ValueTask<ReserveResult> Handle(Reserve command, CancellationToken ct)
    {
        if (command.Quantity is < 1 or > SaleRules.MaxPerBuyer)
        {
            throw new AppException(ErrorCodes.InvalidQuantity, "The quantity must be between 1 and the sale's per-buyer limit.");
        }

        if (command.StreamId is { } streamId)
        {
            await saleStreams.RequireOfferedInAsync(command.SaleId, streamId, ct);
        }

        var buyer = command.Actor.UserId;
        if (soldOut.Answer(command.SaleId, buyer, command.IdempotencyKey, command.Quantity) is { } cached)
        {
            return cached;
        }

        var result = await batcher.ReserveAsync(new ReserveRequest(command.SaleId, buyer, command.Quantity, command.IdempotencyKey, command.StreamId), ct);
        if (result is { Outcome: ReserveOutcome.Held, Remaining: { } remaining })
        {
            notifier.StockChanged(command.SaleId, remaining);
        }

        return result;
    }
}

/// <summary>The buyer gives a hold back (changed their mind): its units return at once, to the waitlist first.</summary>
public sealed record ReleaseHold(Actor Actor, string HoldId) : ICommand<bool>;

public sealed class ReleaseHoldHandler(IFlashSaleInventory inventory, IFlashSaleNotifier notifier, SoldOutCache soldOut)
    : ICommandHandler<ReleaseHold, bool>
{
    public async ValueTask<bool> Handle(ReleaseHold command, CancellationToken ct)
    {
        var saleId = HoldIds.SaleOf(command.HoldId) ?? throw AppException.NotFound(ErrorCodes.HoldNotFound, "No such hold.");
        var released = await inventory.ReleaseAsync(command.HoldId, command.Actor.UserId, ct);
        if (released.Units > 0)
        {
            await StockEffects.ApplyAsync(saleId, released, notifier, soldOut, ct);
        }

        return released.Units > 0;
    }
}

/// <summary>A viewer queues for a sold-out sale; released units come to them as a hold, in order, attributed as a reserve in <paramref name="StreamId"/> would be.</summary>
public sealed record JoinWaitlist(Actor Actor, string SaleId, string? StreamId) : ICommand<WaitlistResult>, IValidated
{
    public void Validate(Validator v) => v.Id("saleId", SaleId);
}

public sealed class JoinWaitlistHandler(IFlashSaleInventory inventory, SaleStreams saleStreams) : ICommandHandler<JoinWaitlist, WaitlistResult>
{
    public async ValueTask<WaitlistResult> Handle(JoinWaitlist command, CancellationToken ct)
    {
        if (command.StreamId is { } streamId)
        {
            await saleStreams.RequireOfferedInAsync(command.SaleId, streamId, ct);
        }

        return new(command.SaleId, await inventory.JoinWaitlistAsync(command.SaleId, command.Actor.UserId, command.StreamId, ct));
    }
}
