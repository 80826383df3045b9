using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Features.Shipping;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// Starts paying for a hold: makes the hold's payment intent (one per hold: its idempotency key is the hold's, so
/// every retry finds the same one) and answers what the client confirms it with (ConfirmPayment).
/// <paramref name="Currency"/>, when given, is the price currency the client showed: it must be the sale's.
/// <paramref name="DisplayCurrency"/> is the viewer's chosen display currency, recorded on the order (default:
/// the sale's). The hold moves to "paying" under <paramref name="IdempotencyKey"/>, which the intent carries:
/// the order is committed under that key by whoever settles the payment first. <paramref name="AddressId"/>: one of
/// the buyer's addresses, where it ships: the intent is for the landed cost's pay-now amount (items + shipping, +
/// duties when the brand collects them), and settling records the address and the quote on the order. The intent carries a copy of
/// the address: the order ships where the buyer paid for, even if the address is edited or deleted before it settles. Clients that
/// send none (older ones, the simulator) buy as before, without a ship-to.
/// </summary>
public sealed record Checkout(Actor Actor, string HoldId, string IdempotencyKey, string? Currency, string? DisplayCurrency, string? AddressId = null)
    : ICommand<CheckoutResult>, IValidated
{
    public void Validate(Validator v) =>
        v.Id("idempotencyKey", IdempotencyKey).Require(AddressId is null || TextRules.IsId(AddressId), "addressId is not a valid id.", "addressId");
}

public sealed class CheckoutHandler(
    IFlashSaleInventory inventory,
    IPaymentProvider payments,
    PaymentSettlement settlement,
    IOrderLog orders,
    ShipToQuote shipTo,
    IOptions<FlashSaleOptions> options) : ICommandHandler<Checkout, CheckoutResult>
{
    public async ValueTask<CheckoutResult> Handle(Checkout command, CancellationToken ct)
    {
        command.Actor.RequireAccount("buy");
        var saleId = HoldIds.SaleOf(command.HoldId) ?? throw AppException.NotFound(ErrorCodes.HoldNotFound, "No such hold.");
        var sale = await inventory.GetAsync(saleId, ct) ?? throw AppException.NotFound(ErrorCodes.HoldNotFound, "No such hold.");
        if (command.Currency is not null && command.Currency != sale.Currency)
        {
            throw new AppException(ErrorCodes.CurrencyMismatch, $"This sale is priced in {sale.Currency}.");
        }

        if (command.DisplayCurrency is not null && !Currencies.IsSupported(command.DisplayCurrency))
        {
            throw new AppException(ErrorCodes.UnsupportedCurrency, $"Currency '{SaleRules.Shorten(command.DisplayCurrency)}' is not supported.");
        }

        // Where it goes, and what it costs there, before the hold is touched: a refusal here leaves the hold as it was.
        var destination = await shipTo.PrepareAsync(command.Actor, sale, command.AddressId, command.DisplayCurrency, ct);
        var buyer = command.Actor.UserId;
        var begin = await inventory.BeginCheckoutAsync(command.HoldId, buyer, command.IdempotencyKey, options.Value.PaymentGrace, ct);
        switch (begin.Outcome)
        {
            case BeginCheckoutOutcome.Expired:
                return new CheckoutResult(CheckoutOutcome.HoldExpired, null, "The hold expired or was released.");
            case BeginCheckoutOutcome.AlreadySold:
                // A retry: the order exists with the sold units; make sure it is logged, then answer it again.
                var existing = await inventory.GetOrderAsync(saleId, begin.OrderId!, ct)
                    ?? throw new InvalidOperationException($"Order {begin.OrderId} is missing from its sale.");
                await orders.LogAsync(existing, inventory, ct);
                return new CheckoutResult(CheckoutOutcome.Confirmed, existing, null);
        }

        var items = sale.Price * begin.Quantity;
        var landed = destination is null ? null : await shipTo.QuoteAsync(destination, sale, begin.Quantity, command.DisplayCurrency, ct);
        var intent = await payments.CreateIntentAsync(new CreatePaymentIntent(
            "intent:" + command.HoldId, landed?.Brand.PayNow ?? items, sale.Currency,
            PaymentSettlement.Metadata(command.HoldId, command.Actor, command.IdempotencyKey, command.DisplayCurrency ?? sale.Currency, items, destination?.Address)), ct);
        // The hold knows its intent: if neither the buyer nor a webhook settles a paid intent, the PaymentReconciler will.
        // A node that dies before this line never gave the buyer the intent to pay with.
        await inventory.RecordIntentAsync(command.HoldId, buyer, command.IdempotencyKey, intent.Id, ct);
        if (intent.Status == PaymentStatus.Succeeded)
        {
            // Paid already (the checkout asked again after a lost answer): settle it, as the webhook would.
            return (await settlement.SettleAsync(intent, ct)).Result;
        }

        return new CheckoutResult(CheckoutOutcome.PaymentRequired, null, null, intent.ToDto(payments));
    }
}
