using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// A sale's definition and inventory. In Redis every operation is one Lua script on the sale's
/// slot, deciding against Redis's clock (flash_reserve.lua and its siblings); the in-process twin
/// (LocalFlashSaleInventory) states the same rules in C#. Both pass FlashSaleInventoryContract,
/// which has a test for each rule below. Refusals throw <c>AppException</c> with the codes of ErrorCodes.
/// <para>Invariant: sold + held + stock = quantity, and sold + held never exceeds quantity.</para>
/// <para>The reserve rules, decided atomically per call, first match wins:</para>
/// <list type="number">
/// <item>An unknown sale is refused: <c>sale_not_found</c>.</item>
/// <item>A key the same buyer used before answers that first hold again, unchanged, whatever has
/// happened since (sold out, ended); the same key with another quantity is refused:
/// <c>idempotency_key_reused</c>. Keys are per buyer: another buyer's equal key is a new call.</item>
/// <item>A sale that has not started, has ended or was cancelled answers <c>NotLive</c>.</item>
/// <item>A quantity above the per-buyer limit is refused: <c>invalid_quantity</c>.</item>
/// <item>Units the buyer holds or bought, plus the quantity, above the limit answer <c>LimitReached</c>.</item>
/// <item>Less stock than the quantity answers <c>SoldOut</c> with the stock left; never a partial hold.</item>
/// <item>Otherwise the units move from stock to a hold that expires after the sale's hold time;
/// expired, released or failed holds give their units back exactly once (waitlist first).</item>
/// </list>
/// Nothing but rule 7 changes state.
/// </summary>
public interface IFlashSaleInventory
{
    /// <summary>False when the id exists. A Regular sale starts at once (by the store's clock).</summary>
    Task<bool> CreateAsync(FlashSale sale, CancellationToken ct = default);

    Task<FlashSale?> GetAsync(string saleId, CancellationToken ct = default);

    /// <summary>Sales that list the stream (index may be stale; entries are re-read).</summary>
    Task<IReadOnlyList<FlashSale>> ListForStreamAsync(string streamId, CancellationToken ct = default);

    /// <summary>Replaces details, quantity, window and limits, only before the start.</summary>
    Task<EditOutcome> UpdateBeforeStartAsync(FlashSale sale, CancellationToken ct = default);

    Task<EditOutcome> CancelAsync(string saleId, CancellationToken ct = default);

    /// <summary>Starts a scheduled sale now, keeping its duration; null when unknown, started or cancelled.</summary>
    Task<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)?> LaunchAsync(string saleId, TimeSpan duration, CancellationToken ct = default);

    /// <summary>Grow, or cut down to sold + held; new units go to the waitlist first.</summary>
    Task<StockReturn> ChangeQuantityAsync(string saleId, int quantity, CancellationToken ct = default);

    /// <summary>
    /// Each call, atomically and in order: the same hold again for a repeated key; else sale live,
    /// buyer under the limit (held + bought), enough stock → a hold that expires after the sale's hold
    /// time. All are sent in one round trip, and this blocks until every answer is in: it is for
    /// <see cref="ReserveBatcher"/>'s own thread, which must not wait for a continuation queued
    /// behind a rush on the thread pool. A call's own refusal is its answer's error.
    /// </summary>
    IReadOnlyList<ReserveAnswer> ReserveMany(IReadOnlyList<ReserveRequest> requests);

    /// <summary>
    /// Marks a valid hold of the buyer as paying under <paramref name="checkoutKey"/> (again: same answer, the same key
    /// only), keeping it at least <paramref name="grace"/> from now for the payment and never less than it had left.
    /// </summary>
    Task<BeginCheckout> BeginCheckoutAsync(string holdId, string buyerId, string checkoutKey, TimeSpan grace, CancellationToken ct = default);

    /// <summary>Paid: the held units become sold and <paramref name="order"/> is stored with them. Null when the hold expired meanwhile.</summary>
    Task<string?> CommitAsync(string holdId, string buyerId, string checkoutKey, OrderDto order, CancellationToken ct = default);

    Task<OrderDto?> GetOrderAsync(string saleId, string orderId, CancellationToken ct = default);

    /// <summary>
    /// Committed orders created before <paramref name="before"/> that were not yet marked logged
    /// (<see cref="MarkLoggedAsync"/>), oldest first: the node that committed them stopped, or lost
    /// Redis, between the commit and the order log.
    /// </summary>
    Task<IReadOnlyList<OrderDto>> UnloggedOrdersAsync(string saleId, DateTimeOffset before, int max = 100, CancellationToken ct = default);

    /// <summary>The order is in the order log; <see cref="UnloggedOrdersAsync"/> no longer lists it.</summary>
    Task MarkLoggedAsync(string saleId, string orderId, CancellationToken ct = default);

    /// <summary>
    /// Records the payment intent of a hold paying under <paramref name="checkoutKey"/> (the first record stays), so
    /// <see cref="UnsettledPaymentsAsync"/> lists it until it is sold or forgotten. False when the hold is not paying under that key.
    /// </summary>
    Task<bool> RecordIntentAsync(string holdId, string buyerId, string checkoutKey, string intentId, CancellationToken ct = default);

    /// <summary>
    /// Holds of the sale whose intent was recorded before <paramref name="before"/> and that were neither sold nor
    /// forgotten, oldest first: still paying, or ended (expired, released) with the intent perhaps paid. The payment
    /// reconciler asks the provider about each.
    /// </summary>
    Task<IReadOnlyList<UnsettledPayment>> UnsettledPaymentsAsync(string saleId, DateTimeOffset before, int max = 100, CancellationToken ct = default);

    /// <summary>The hold's payment is settled or will never be: <see cref="UnsettledPaymentsAsync"/> no longer lists it.</summary>
    Task ForgetPaymentAsync(string saleId, string holdId, CancellationToken ct = default);

    /// <summary>Gives a held or paying hold's units back at once (cancel, failed payment).</summary>
    Task<StockReturn> ReleaseAsync(string holdId, string buyerId, CancellationToken ct = default);

    /// <summary>Returns the units of expired holds, each exactly once whichever node calls.</summary>
    Task<StockReturn> SweepExpiredAsync(string saleId, int max = 200, CancellationToken ct = default);

    /// <summary>Joins the FIFO waitlist of a live, sold-out sale; returns the 1-based position.</summary>
    Task<int> JoinWaitlistAsync(string saleId, string buyerId, string? streamId, CancellationToken ct = default);

    /// <summary>True for at most one caller per interval and sale, cluster-wide (coalesced stock pushes).</summary>
    Task<bool> TryClaimStockPushAsync(string saleId, TimeSpan interval, CancellationToken ct = default);

    /// <summary>
    /// A Regular sale takes its product's new list price (title and price only; stock and holds are
    /// untouched). False when the sale is unknown or not Regular. Held units are paid at the price of checkout.
    /// </summary>
    Task<bool> RepriceRegularAsync(FlashSale sale, CancellationToken ct = default);

    /// <summary>
    /// Claims the refund of a committed order of the sale, atomically: exactly one caller gets
    /// <see cref="RefundStart.Go"/> (a claim held for <paramref name="lease"/>, under <paramref name="token"/>);
    /// while it is held others get <see cref="RefundStart.InProgress"/>, once ended with success
    /// <see cref="RefundStart.AlreadyRefunded"/> and its time. A claim whose lease ran out (its node
    /// died) may be taken again.
    /// </summary>
    Task<RefundClaim> BeginRefundAsync(string saleId, string orderId, string token, TimeSpan lease, CancellationToken ct = default);

    /// <summary>
    /// Ends the claim of <paramref name="token"/>: refunded (<paramref name="refunded"/>) or given back
    /// (the payment provider failed; a retry may claim at once). The time of the refund, or null when the claim was lost.
    /// </summary>
    Task<DateTimeOffset?> EndRefundAsync(string saleId, string orderId, string token, bool refunded, CancellationToken ct = default);

    /// <summary>When each of the sale's orders named was refunded; orders never refunded are absent.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> RefundsAsync(string saleId, IReadOnlyList<string> orderIds, CancellationToken ct = default);
}

public enum RefundStart
{
    /// <summary>This caller refunds now.</summary>
    Go,
    InProgress,
    AlreadyRefunded,

    /// <summary>No such order in the sale.</summary>
    NotFound,
}

/// <summary>A hold with a recorded payment intent; <paramref name="Ended"/>: it expired or was released (its units are back).</summary>
public sealed record UnsettledPayment(string HoldId, string IntentId, bool Ended);

public sealed record RefundClaim(RefundStart Outcome, DateTimeOffset? RefundedAt);

public enum SaleEdge
{
    Start,
    End,
}

/// <summary>
/// When sales start and end, across nodes: a due queue whose items are claimed by exactly one
/// node, and the set of sales whose holds need sweeping.
/// </summary>
public interface ISaleSchedule
{
    /// <summary>Adds or moves the sale's edge to <paramref name="at"/>.</summary>
    Task ScheduleAsync(string saleId, SaleEdge edge, DateTimeOffset at, CancellationToken ct = default);

    Task UnscheduleAsync(string saleId, CancellationToken ct = default);

    /// <summary>Due items, each handed to exactly one caller cluster-wide.</summary>
    Task<IReadOnlyList<(string SaleId, SaleEdge Edge)>> ClaimDueAsync(int max, CancellationToken ct = default);

    /// <summary>Keeps the sale in the sweep set until <paramref name="until"/>.</summary>
    Task TrackAsync(string saleId, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>Sales to sweep now; forgets ones tracked past their time.</summary>
    Task<IReadOnlyList<string>> TrackedAsync(CancellationToken ct = default);
}

/// <param name="StreamId">The stream the buyer watched, for attribution.</param>
public sealed record ReserveRequest(string SaleId, string BuyerId, int Quantity, string IdempotencyKey, string? StreamId);

/// <summary>One call's answer from <see cref="IFlashSaleInventory.ReserveMany"/>: a result, or the refusal (an <c>AppException</c>).</summary>
public readonly record struct ReserveAnswer(ReserveResult? Result, Exception? Error)
{
    /// <summary>What <paramref name="decide"/> returns, or the refusal it throws.</summary>
    public static ReserveAnswer Of(Func<ReserveResult> decide)
    {
        try
        {
            return new ReserveAnswer(decide(), null);
        }
        catch (AppException e)
        {
            return new ReserveAnswer(null, e);
        }
    }
}
