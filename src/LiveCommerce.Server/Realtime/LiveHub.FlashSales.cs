using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Flash sales on the hub. A purchase names the stream it is made in, for attribution: one this
/// connection joined (a connection may watch several: a live stream and the upcoming ones it set
/// reminders for), or none.
/// </summary>
public sealed partial class LiveHub
{
    public Task<ReserveResult> Reserve(string? streamId, string saleId, int quantity, string idempotencyKey) =>
        Sender.Send(new Reserve(Actor, saleId ?? "", quantity, idempotencyKey ?? "", Watched(streamId))).AsTask();

    public Task<ReserveResult> ReserveItem(string? streamId, string productId, string? variantId, int quantity, string idempotencyKey) =>
        Sender.Send(new ReserveItem(Actor, Watched(streamId), productId ?? "", variantId, quantity, idempotencyKey ?? "")).AsTask();

    public Task<CheckoutResult> Checkout(string holdId, string idempotencyKey) =>
        Sender.Send(new Checkout(Actor, holdId ?? "", idempotencyKey ?? "", null, null)).AsTask();

    /// <summary>Checkout stating the price currency the client showed (must match) and the viewer's display currency.</summary>
    public Task<CheckoutResult> CheckoutIn(string holdId, string idempotencyKey, string? currency, string? displayCurrency) =>
        Sender.Send(new Checkout(Actor, holdId ?? "", idempotencyKey ?? "", currency, displayCurrency)).AsTask();

    public Task<CheckoutResult> ConfirmPayment(string intentId, PaymentCard card) =>
        Sender.Send(new ConfirmPayment(Actor, intentId ?? "", card ?? new PaymentCard(null, null, null))).AsTask();

    public Task<CheckoutResult> CompletePayment(string intentId) => Sender.Send(new CompletePayment(Actor, intentId ?? "")).AsTask();
    /// <summary>Checkout to one of the buyer's addresses: the landed cost quoted for it is charged and recorded on the order.</summary>
    public Task<CheckoutResult> CheckoutTo(string holdId, string idempotencyKey, string? currency, string? displayCurrency, string? addressId) =>
        Sender.Send(new Checkout(Actor, holdId ?? "", idempotencyKey ?? "", currency, displayCurrency, addressId)).AsTask();

    public Task<bool> ReleaseHold(string holdId) => Sender.Send(new ReleaseHold(Actor, holdId ?? "")).AsTask();

    public Task<WaitlistResult> JoinWaitlist(string? streamId, string saleId) =>
        Sender.Send(new JoinWaitlist(Actor, saleId ?? "", Watched(streamId))).AsTask();

    public Task<FlashSaleDto> LaunchFlashSale(string saleId) => Sender.Send(new LaunchFlashSale(Actor, saleId ?? "")).AsTask();

    /// <summary>The stream a purchase names, which this connection must be watching; null buys outside any stream.</summary>
    private string? Watched(string? streamId) =>
        streamId is null || localViewers.Watches(Context.ConnectionId, streamId)
            ? streamId
            : throw new AppException(ErrorCodes.NotWatching, "Join the stream before buying in it.");
}
