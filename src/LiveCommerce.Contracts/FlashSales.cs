namespace LiveCommerce.Contracts;

/// <summary>Flash: a limited, timed sale. Regular: the always-on sale of a pinned product at list price on its normal stock.</summary>
public enum SaleKind
{
    Flash,
    Regular,
}

public enum SaleStatus
{
    Scheduled,
    Live,
    Ended,
    Cancelled,
}

public sealed record FlashSaleDto(
    string Id,
    SaleKind Kind,
    string ProductId,
    string? VariantId,
    string Title,
    string BrandId,
    decimal Price,
    string Currency,
    int Quantity,
    int Remaining,
    int Sold,
    int Held,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    int PerBuyerLimit,
    int HoldSeconds,
    IReadOnlyList<string> StreamIds,
    SaleStatus Status);

/// <summary>
/// <c>POST /api/flash-sales</c> and <c>PUT /api/flash-sales/{id}</c> (before the start). For a
/// <see cref="SaleKind.Regular"/> sale the window is ignored: it starts at once and never ends.
/// </summary>
public sealed record ScheduleFlashSaleRequest(
    string ProductId,
    string? VariantId,
    string Title,
    decimal Price,
    string Currency,
    int Quantity,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    int PerBuyerLimit,
    int? HoldSeconds,
    IReadOnlyList<string> StreamIds,
    SaleKind Kind = SaleKind.Flash);

public sealed record ChangeSaleQuantityRequest(int Quantity);

public enum ReserveOutcome
{
    Held,
    SoldOut,
    LimitReached,
    NotLive,
}

/// <summary>The answer to <c>Reserve</c>: expected outcomes are results, not errors.</summary>
public sealed record ReserveResult(ReserveOutcome Outcome, string? HoldId, DateTimeOffset? ExpiresAt, int Quantity, int? Remaining);

public enum CheckoutOutcome
{
    Confirmed,
    PaymentFailed,
    HoldExpired,

    /// <summary><c>Checkout</c> made the hold's payment intent: confirm it with a card (<c>ConfirmPayment</c>).</summary>
    PaymentRequired,

    /// <summary>The bank asks for 3-D Secure: complete the step, then <c>CompletePayment</c>.</summary>
    RequiresAction,
}

/// <summary>
/// The answer to <c>Checkout</c>, <c>ConfirmPayment</c> and <c>CompletePayment</c>: the order once confirmed (durably
/// logged), or why not; <see cref="Payment"/> is the hold's payment intent while it is being paid.
/// </summary>
public sealed record CheckoutResult(CheckoutOutcome Outcome, OrderDto? Order, string? Reason, PaymentIntentDto? Payment = null);

/// <summary>The influencer (host of the stream the buyer watched) a purchase is attributed to.</summary>
public sealed record AttributionRef(string StreamId, string HostId);

public sealed record OrderItemDto(string ProductId, string? VariantId, string Title, int Quantity, decimal UnitPrice);

/// <summary>
/// A confirmed order. Prices are in the brand's <see cref="Currency"/>; <see cref="DisplayCurrency"/>
/// is the currency the viewer chose to see prices in when buying.
/// </summary>
public sealed partial record OrderDto(
    string Id,
    string BuyerId,
    string SaleId,
    string BrandId,
    IReadOnlyList<OrderItemDto> Items,
    decimal Total,
    string Currency,
    string DisplayCurrency,
    string? StreamId,
    AttributionRef? Attribution,
    string PaymentReference,
    DateTimeOffset CreatedAt)
{
    /// <summary>Where it ships: a copy of the buyer's address at checkout (later edits of the book do not change it).</summary>
    public AddressDto? ShipTo { get; init; }

    /// <summary>The landed cost quoted at checkout: shipping, the duties and taxes estimate, the display amount and the rate used.</summary>
    public LandedCostDto? Landed { get; init; }
}

public sealed record WaitlistResult(string SaleId, int Position);

/// <summary>Pushed to one user when units released from other holds are handed to them from the waitlist.</summary>
public sealed record WaitlistHoldGranted(string SaleId, string HoldId, int Quantity, DateTimeOffset ExpiresAt);

/// <summary>Latest remaining stock of a sale; coalesced (≤ 4/s per sale), sold-out pushed at once. Not sequenced.</summary>
public sealed record StockChanged(string SaleId, int Remaining, bool SoldOut);

public sealed record FlashSaleStarted : LiveEvent
{
    public required FlashSaleDto Sale { get; init; }

    public DateTimeOffset EndsAt { get; init; }
}

public sealed record FlashSaleEnded : LiveEvent
{
    public required string SaleId { get; init; }

    public DateTimeOffset EndsAt { get; init; }
}

/// <summary>
/// A "just bought" moment: the buyer's display name and country only. Moments are coalesced: per
/// window a stream gets only the latest few of each sale, and the first of them also stands for the
/// orders and units of that sale's earlier purchases in the window, which were not sent on their own.
/// </summary>
public sealed record PurchaseMade : LiveEvent
{
    public required string SaleId { get; init; }

    public required string BuyerName { get; init; }

    public string? Country { get; init; }

    public required string ProductTitle { get; init; }

    public int Quantity { get; init; }

    /// <summary>Orders of this sale coalesced into this moment (besides its own).</summary>
    public int CoalescedOrders { get; init; }

    /// <summary>Units of those coalesced orders.</summary>
    public int CoalescedUnits { get; init; }
}

public partial interface ILiveHub
{
    /// <summary>
    /// Holds units for the caller. <paramref name="streamId"/> is the stream the buyer is buying in,
    /// and the purchase is attributed to its host: this connection must have joined it
    /// (else <see cref="ErrorCodes.NotWatching"/>) and the sale must be offered in it (else
    /// <see cref="ErrorCodes.SaleNotFound"/>). Null buys outside any stream.
    /// </summary>
    Task<ReserveResult> Reserve(string? streamId, string saleId, int quantity, string idempotencyKey);

    /// <summary>
    /// Starts paying for a hold: answers PaymentRequired with the hold's payment intent (one per hold, whatever the
    /// retries), to confirm with <see cref="ConfirmPayment"/>; Confirmed with the order when it was paid already.
    /// The order is attributed to the stream its <see cref="Reserve"/> named.
    /// </summary>
    Task<CheckoutResult> Checkout(string holdId, string idempotencyKey);

    /// <summary>Checkout stating the price currency the client showed (must match) and the viewer's display currency.</summary>
    Task<CheckoutResult> CheckoutIn(string holdId, string idempotencyKey, string? currency, string? displayCurrency);

    /// <summary>
    /// Checkout shipping to one of the buyer's addresses (<see cref="ErrorCodes.AddressNotFound"/> for any other id,
    /// <see cref="ErrorCodes.DoesNotShipToCountry"/>): the charge includes the quoted shipping (and the duties when the
    /// brand collects them), and the order records the address and the landed cost.
    /// </summary>
    Task<CheckoutResult> CheckoutTo(string holdId, string idempotencyKey, string? currency, string? displayCurrency, string? addressId);

    /// <summary>
    /// Buy now at list price: holds <paramref name="quantity"/> units of the product's variant (null for a
    /// product without variants) from its regular buy-now item, created on first use with the variant's
    /// stock. <paramref name="streamId"/> as for <see cref="Reserve"/>: the product must be pinned there
    /// (else <see cref="ErrorCodes.NotPinned"/>). Refusals: <see cref="ErrorCodes.InvalidQuantity"/>,
    /// <see cref="ErrorCodes.VariantRequired"/>, <see cref="ErrorCodes.VariantNotFound"/>,
    /// <see cref="ErrorCodes.ProductNotFound"/>, <see cref="ErrorCodes.NotPartnered"/>. Pay with <see cref="CheckoutIn"/>.
    /// </summary>
    Task<ReserveResult> ReserveItem(string? streamId, string productId, string? variantId, int quantity, string idempotencyKey);

    /// <summary>Gives a hold back; true when units returned.</summary>
    Task<bool> ReleaseHold(string holdId);

    /// <summary>Queues for a sold-out sale; <paramref name="streamId"/> as for <see cref="Reserve"/>, for the hold it may grant.</summary>
    Task<WaitlistResult> JoinWaitlist(string? streamId, string saleId);

    Task<FlashSaleDto> LaunchFlashSale(string saleId);
}

public partial interface ILiveClient
{
    Task FlashSaleStarted(FlashSaleStarted e);

    Task FlashSaleEnded(FlashSaleEnded e);

    Task PurchaseMade(PurchaseMade e);

    /// <summary>Coalesced: at most 4 a second per sale; sold-out at once. Not sequenced.</summary>
    Task StockChanged(StockChanged e);

    /// <summary>Sent to the one user the waitlist handed units to.</summary>
    Task WaitlistHoldGranted(WaitlistHoldGranted e);
}

public sealed partial record StreamSnapshot
{
    /// <summary>Live sales of the stream with their remaining stock.</summary>
    public IReadOnlyList<FlashSaleDto> Sales { get; init; } = [];
}

/// <summary>One variant a viewer can buy now: <see cref="VariantId"/> null for a product without variants.</summary>
public sealed record BuyNowVariantDto(string? VariantId, string? Size, string? Color, int Remaining);

/// <summary>
/// <c>GET /api/products/{id}/buy-now</c>: what a viewer may buy of a product at its list price, per
/// variant, and how many units one buyer may take of each.
/// </summary>
public sealed record BuyNowOfferDto(
    string ProductId, string Title, decimal Price, string Currency, int PerBuyerLimit, int HoldSeconds, IReadOnlyList<BuyNowVariantDto> Variants);

/// <summary>An order as its brand sees it in <c>GET /api/orders/brand</c>: refunded once, at <see cref="RefundedAt"/>.</summary>
public sealed record BrandOrderDto(OrderDto Order, DateTimeOffset? RefundedAt);
