using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Shipping;
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

public sealed class ReserveHandler(
    IFlashSaleNotifier notifier, SoldOutCache soldOut, ReserveBatcher batcher, SaleStreams saleStreams, ShipsToGate shipsTo, LiveCommerceMetrics metrics)
    : ICommandHandler<Reserve, ReserveResult>
{
    public async ValueTask<ReserveResult> Handle(Reserve command, CancellationToken ct)
    {
        command.Actor.RequireAccount("buy");
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
            metrics.FlashSaleDecided(OutcomeName(cached.Outcome), "cache");
            return cached;
        }

        // Before any stock is held: a product that does not ship to the buyer cannot be bought there.
        await shipsTo.RequireForSaleAsync(command.Actor, command.SaleId, ct);

        // The batcher counts its own answers (the inventory's, or the cache's for calls that waited for a round).
        var result = await batcher.ReserveAsync(new ReserveRequest(command.SaleId, buyer, command.Quantity, command.IdempotencyKey, command.StreamId), ct);
        if (result is { Outcome: ReserveOutcome.Held, Remaining: { } remaining })
        {
            notifier.StockChanged(command.SaleId, remaining);
        }

        return result;
    }

    /// <summary>The metric's outcome tag: held, sold_out, limit_reached, not_live.</summary>
    public static string OutcomeName(ReserveOutcome outcome) => outcome switch
    {
        ReserveOutcome.Held => "held",
        ReserveOutcome.SoldOut => "sold_out",
        ReserveOutcome.LimitReached => "limit_reached",
        ReserveOutcome.NotLive => "not_live",
        _ => outcome.ToString(),
    };
}
