using System.Globalization;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Features.Shipping;
using LiveCommerce.Server.Features.Streams;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// Turns a succeeded payment intent into the order, exactly once, whoever comes first: the buyer's
/// confirmation (ConfirmPayment, CompletePayment), a webhook on any node, or all of them at once. Each one
/// runs the same two atomic steps on the hold with the checkout key the intent carries: BeginCheckout (still
/// the buyer's and valid?) and Commit (held units → sold, order stored); the first Commit wins and every later
/// one reads the same order back (the order id follows from the hold). The order log is at-least-once and its
/// readers count an order id once. A payment that succeeded after the hold's grace ran out is refunded, once
/// (the refund's idempotency key is the intent's).
/// </summary>
public sealed partial class PaymentSettlement(
    IFlashSaleInventory inventory,
    IPaymentProvider payments,
    IOrderLog orders,
    IStreamStore streams,
    ShipToQuote shipTo,
    PurchaseMoments moments,
    IAccountDirectory accounts,
    ICommentFeed comments,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock,
    ILogger<PaymentSettlement> logger)
{
    public const string HoldKey = "hold";
    public const string BuyerKey = "buyer";
    public const string CheckoutKey = "checkout";
    public const string DisplayCurrencyKey = "display_currency";
    public const string BuyerNameKey = "buyer_name";
    public const string ItemsTotalKey = "items_total";
    public const string AddressKey = "address";

    /// <summary>
    /// The ship-to the buyer paid for, one field per key (Stripe allows 50 keys of at most 500 characters; each
    /// field is far shorter, see AddressRules): settling ships there even if the buyer edits or deletes the
    /// address in the book before the payment settles.
    /// </summary>
    private static readonly (string Key, Func<AddressDto, string?> Read)[] ShipToFields =
    [
        ("ship_name", a => a.Name), ("ship_line1", a => a.Line1), ("ship_line2", a => a.Line2), ("ship_city", a => a.City),
        ("ship_region", a => a.Region), ("ship_postal_code", a => a.PostalCode), ("ship_country", a => a.Country), ("ship_phone", a => a.Phone),
    ];

    /// <summary>The intent's metadata: everything settling needs, so a webhook alone can do it.</summary>
    public static Dictionary<string, string> Metadata(
        string holdId, Actor buyer, string checkoutKey, string displayCurrency, decimal itemsTotal, AddressDto? shipTo)
    {
        var metadata = new Dictionary<string, string>
        {
            [HoldKey] = holdId,
            [BuyerKey] = buyer.UserId,
            [BuyerNameKey] = buyer.DisplayName,
            [CheckoutKey] = checkoutKey,
            [DisplayCurrencyKey] = displayCurrency,
            [ItemsTotalKey] = itemsTotal.ToString(CultureInfo.InvariantCulture),
        };
        if (shipTo is not null)
        {
            metadata[AddressKey] = shipTo.Id;
            foreach (var (key, read) in ShipToFields)
            {
                if (read(shipTo) is { Length: > 0 } value)
                {
                    metadata[key] = value;
                }
            }
        }

        return metadata;
    }

    /// <summary>The ship-to the intent was paid for, or null when it carries none (no address, or an intent made before snapshots).</summary>
    public static AddressDto? ShipToOf(PaymentIntent intent)
    {
        var m = intent.Metadata;
        string? Get(string key) => m.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        return Get(AddressKey) is { } id && Get("ship_name") is { } name && Get("ship_line1") is { } line1 && Get("ship_city") is { } city
            && Get("ship_country") is { } country
            ? new AddressDto(id, name, line1, Get("ship_line2"), city, Get("ship_region"), Get("ship_postal_code"), country, Get("ship_phone"), false)
            : null;
    }

    /// <summary>The intent's hold and buyer, or null when it is not one of this product's.</summary>
    public static (string HoldId, string BuyerId, string CheckoutKey)? HoldOf(PaymentIntent intent) =>
        intent.Metadata.TryGetValue(HoldKey, out var hold) && HoldIds.SaleOf(hold) is not null
        && intent.Metadata.TryGetValue(BuyerKey, out var buyer) && intent.Metadata.TryGetValue(CheckoutKey, out var key)
            ? (hold, buyer, key)
            : null;

    /// <summary>
    /// Settles a succeeded intent. <c>Placed</c> is true for the one caller whose Commit stored the order
    /// (or, when several raced, for each one that read it back before anyone logged it: harmless, the log de-duplicates).
    /// </summary>
    public async Task<(CheckoutResult Result, bool Placed)> SettleAsync(PaymentIntent intent, CancellationToken ct)
    {
        var (holdId, buyer, checkoutKey) = HoldOf(intent) ?? throw AppException.NotFound(ErrorCodes.PaymentNotFound, "No such payment.");
        if (intent.Status != PaymentStatus.Succeeded)
        {
            throw new InvalidOperationException($"Payment {intent.Id} has not succeeded.");
        }

        var saleId = HoldIds.SaleOf(holdId)!;
        var sale = await inventory.GetAsync(saleId, ct) ?? throw AppException.NotFound(ErrorCodes.HoldNotFound, "No such hold.");
        var begin = await inventory.BeginCheckoutAsync(holdId, buyer, checkoutKey, options.Value.PaymentGrace, ct);
        switch (begin.Outcome)
        {
            case BeginCheckoutOutcome.AlreadySold:
                var existing = await inventory.GetOrderAsync(saleId, begin.OrderId!, ct)
                    ?? throw new InvalidOperationException($"Order {begin.OrderId} is missing from its sale.");
                await orders.LogAsync(existing, inventory, ct);
                return (new CheckoutResult(CheckoutOutcome.Confirmed, existing, null, intent.ToDto(payments)), false);
            case BeginCheckoutOutcome.Expired:
                return (await RefundLateAsync(intent), false);
        }

        // A regular item lists no streams: its reserve checked the product was pinned in the stream it named.
        var streamId = begin.StreamId is { } s && (sale.StreamIds.Contains(s) || sale.Kind == SaleKind.Regular) ? s : null;
        var stream = streamId is null ? null : await streams.GetAsync(streamId, ct);
        var display = intent.Metadata.TryGetValue(DisplayCurrencyKey, out var d) && d.Length > 0 ? d : sale.Currency;
        // The price is the one the intent was made for (a regular item repriced meanwhile keeps it); the intent's
        // amount may also hold shipping and duties, which the landed cost on the order accounts for.
        var items = intent.Metadata.TryGetValue(ItemsTotalKey, out var i) && decimal.TryParse(i, NumberStyles.Number, CultureInfo.InvariantCulture, out var t)
            ? t
            : intent.Amount;
        // Where it ships: the address as paid for (the intent's copy); an intent without a copy reads the book.
        var shipping = ShipToOf(intent) is { } paidFor
            ? await shipTo.RecordAsync(paidFor, sale, begin.Quantity, display, ct)
            : intent.Metadata.TryGetValue(AddressKey, out var addressId)
                ? await shipTo.RecordAsync(buyer, addressId, sale, begin.Quantity, display, ct)
                : null;
        var order = new OrderDto(
            HoldIds.OrderIdFor(holdId), buyer, sale.Id, sale.BrandId,
            [new OrderItemDto(sale.ProductId, sale.VariantId, sale.Title, begin.Quantity, items / begin.Quantity)],
            items, intent.Currency, display, streamId,
            stream is null ? null : new AttributionRef(stream.Id, stream.HostId), intent.Id, clock.GetUtcNow())
        {
            ShipTo = shipping?.Address,
            Landed = shipping?.Landed,
        };

        if (await inventory.CommitAsync(holdId, buyer, checkoutKey, order, ct) is not { } orderId)
        {
            return (await RefundLateAsync(intent), false);
        }

        // Read back what was stored: a concurrent settlement (the webhook, a retry) may have committed first.
        var stored = await inventory.GetOrderAsync(saleId, orderId, ct) ?? order;
        await orders.LogAsync(stored, inventory, ct);
        var placed = stored.CreatedAt == order.CreatedAt;
        if (placed && streamId is not null)
        {
            await AnnounceAsync(stored, streamId, sale.Title, intent.Metadata.GetValueOrDefault(BuyerNameKey) ?? "", ct);
        }

        return (new CheckoutResult(CheckoutOutcome.Confirmed, stored, null, intent.ToDto(payments)), placed);
    }

    private static string FirstName(string displayName) =>
        displayName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : displayName;

    /// <summary>The "just bought" moment, once per order: by whoever placed it (the buyer's confirmation or a webhook).</summary>
    private async Task AnnounceAsync(OrderDto order, string streamId, string title, string buyerName, CancellationToken ct)
    {
        try
        {
            var account = await accounts.FindAsync(order.BuyerId, ct);
            var shown = account?.PurchaseName ?? PurchaseNames.FirstNameAndCountry;
            if (shown == PurchaseNames.Hidden)
            {
                return;
            }

            // The buyer's own choice; by default only the first name, never the full one.
            var name = shown == PurchaseNames.CountryOnly ? "Someone" : FirstName(account?.DisplayName ?? buyerName);
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

    /// <summary>The payment outlived the hold's grace and the units went back: give the money back, once.</summary>
    private async Task<CheckoutResult> RefundLateAsync(PaymentIntent intent)
    {
        await payments.RefundAsync(new RefundRequest(intent.Id, null, intent.Currency, "late:" + intent.Id), CancellationToken.None);
        return new CheckoutResult(CheckoutOutcome.HoldExpired, null, "The hold expired during payment; the payment was refunded.", intent.ToDto(payments));
    }
}
