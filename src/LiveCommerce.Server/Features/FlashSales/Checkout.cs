using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Features.Shipping;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// Pays for a hold and writes the order. <paramref name="Currency"/>, when given, is the price currency
/// the client showed: it must be the sale's. <paramref name="DisplayCurrency"/> is the viewer's chosen
/// display currency, recorded on the order (default: the sale's). <paramref name="AddressId"/>: one of the buyer's
/// addresses, where it ships: its copy and the landed-cost quote (shipping, duties estimate, display amount and
/// rate) are recorded on the order, and the amount charged includes the shipping (and the duties when the brand
/// collects them). Clients that send none (older ones, the simulator) buy as before, without a ship-to.
/// </summary>
public sealed record Checkout(Actor Actor, string HoldId, string IdempotencyKey, string? Currency, string? DisplayCurrency, string? AddressId = null)
    : ICommand<CheckoutResult>, IValidated
{
    public void Validate(Validator v) =>
        v.Id("idempotencyKey", IdempotencyKey).Require(AddressId is null || TextRules.IsId(AddressId), "addressId is not a valid id.", "addressId");
}

public sealed partial class CheckoutHandler(
    IFlashSaleInventory inventory,
    IPaymentProvider payments,
    IOrderLog orders,
    IStreamStore streams,
    PurchaseMoments moments,
    IFlashSaleNotifier notifier,
    IAccountDirectory accounts,
    ICommentFeed comments,
    SoldOutCache soldOut,
    ShipToQuote shipTo,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock,
    ILogger<CheckoutHandler> logger) : ICommandHandler<Checkout, CheckoutResult>
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

        var total = sale.Price * begin.Quantity;
        var landed = destination is null ? null : await shipTo.QuoteAsync(destination, sale, begin.Quantity, command.DisplayCurrency, ct);
        var charged = landed?.Brand.PayNow ?? total;
        var payment = await payments.ChargeAsync(new PaymentRequest($"{command.HoldId}:{command.IdempotencyKey}", buyer, charged, sale.Currency), ct);
        if (!payment.Succeeded)
        {
            var released = await inventory.ReleaseAsync(command.HoldId, buyer, ct);
            await StockEffects.ApplyAsync(saleId, released, notifier, soldOut, ct);
            return new CheckoutResult(CheckoutOutcome.PaymentFailed, null, payment.FailureReason);
        }

        // A regular item lists no streams: its reserve checked the product was pinned in the stream it named.
        var streamId = begin.StreamId is { } s && (sale.StreamIds.Contains(s) || sale.Kind == SaleKind.Regular) ? s : null;
        var stream = streamId is null ? null : await streams.GetAsync(streamId, ct);
        var order = new OrderDto(
            HoldIds.OrderIdFor(command.HoldId), buyer, sale.Id, sale.BrandId,
            [new OrderItemDto(sale.ProductId, sale.VariantId, sale.Title, begin.Quantity, sale.Price)],
            total, sale.Currency, command.DisplayCurrency ?? sale.Currency, streamId,
            stream is null ? null : new AttributionRef(stream.Id, stream.HostId), payment.Reference!, clock.GetUtcNow())
        {
            ShipTo = destination?.Address,
            Landed = landed,
        };

        if (await inventory.CommitAsync(command.HoldId, buyer, command.IdempotencyKey, order, ct) is not { } orderId)
        {
            // The payment outlived the hold's grace and the units went back: give the money back.
            await payments.RefundAsync(payment.Reference!, ct);
            return new CheckoutResult(CheckoutOutcome.HoldExpired, null, "The hold expired during payment; the payment was refunded.");
        }

        // Read back what was stored: a concurrent retry with the same key may have committed first.
        order = await inventory.GetOrderAsync(saleId, orderId, ct) ?? order;
        await orders.LogAsync(order, inventory, ct);
        if (streamId is not null)
        {
            await AnnounceAsync(order, streamId, command.Actor, sale.Title, ct);
        }

        return new CheckoutResult(CheckoutOutcome.Confirmed, order, null);
    }

    private static string FirstName(string displayName) =>
        displayName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : displayName;

    private async Task AnnounceAsync(OrderDto order, string streamId, Actor buyer, string title, CancellationToken ct)
    {
        try
        {
            var account = await accounts.FindAsync(buyer.UserId, ct);
            var shown = account?.PurchaseName ?? PurchaseNames.FirstNameAndCountry;
            if (shown == PurchaseNames.Hidden)
            {
                return;
            }

            // The buyer's own choice; by default only the first name, never the full one.
            var name = shown == PurchaseNames.CountryOnly ? "Someone" : FirstName(account?.DisplayName ?? buyer.DisplayName);
            var country = account?.Country is { Length: > 0 } c ? c : null;
            moments.Add(new PurchaseMade
            {
                StreamId = streamId,
                At = order.CreatedAt,
                SaleId = order.SaleId,
                BuyerName = name,
                Country = country,
                ProductTitle = title,
                Quantity = order.Items.Sum(i => i.Quantity),
            });

            // The same moment in the comment stream, where viewers read it ("Ana from BR just bought …").
            await comments.AddPurchaseMomentAsync(streamId, name, country ?? "", title, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The order is confirmed; a lost "just bought" moment must not turn it into an error.
            LogAnnounceFailed(logger, order.Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The purchase moment of order {OrderId} was not published")]
    private static partial void LogAnnounceFailed(ILogger logger, string orderId, Exception exception);
}
