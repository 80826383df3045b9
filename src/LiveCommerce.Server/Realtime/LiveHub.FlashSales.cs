using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.FlashSales;

namespace LiveCommerce.Server.Realtime;

/// <summary>Flash sales on the hub. The stream a purchase is attributed to is the one this connection watches.</summary>
public sealed partial class LiveHub
{
    public Task<ReserveResult> Reserve(string saleId, int quantity, string idempotencyKey) =>
        Sender.Send(new Reserve(Actor, saleId ?? "", quantity, idempotencyKey ?? "", WatchedStream())).AsTask();

    public Task<CheckoutResult> Checkout(string holdId, string idempotencyKey) =>
        Sender.Send(new Checkout(Actor, holdId ?? "", idempotencyKey ?? "", null, null)).AsTask();

    /// <summary>Checkout stating the price currency the client showed (must match) and the viewer's display currency.</summary>
    public Task<CheckoutResult> CheckoutIn(string holdId, string idempotencyKey, string? currency, string? displayCurrency) =>
        Sender.Send(new Checkout(Actor, holdId ?? "", idempotencyKey ?? "", currency, displayCurrency)).AsTask();

    public Task<bool> ReleaseHold(string holdId) => Sender.Send(new ReleaseHold(Actor, holdId ?? "")).AsTask();

    public Task<WaitlistResult> JoinWaitlist(string saleId) =>
        Sender.Send(new JoinWaitlist(Actor, saleId ?? "", WatchedStream())).AsTask();

    public Task<FlashSaleDto> LaunchFlashSale(string saleId) => Sender.Send(new LaunchFlashSale(Actor, saleId ?? "")).AsTask();

    private string? WatchedStream() => localViewers.StreamsOf(Context.ConnectionId).FirstOrDefault();
}
