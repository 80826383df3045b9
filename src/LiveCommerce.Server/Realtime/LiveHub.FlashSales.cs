using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.FlashSales;

namespace LiveCommerce.Server.Realtime;

/// <summary>Flash sales on the hub. The stream a purchase is attributed to is the one this connection watches.</summary>
public sealed partial class LiveHub
{
    public ValueTask<ReserveResult> Reserve(string saleId, int quantity, string idempotencyKey) =>
        Sender.Send(new Reserve(Actor, saleId ?? "", quantity, idempotencyKey ?? "", WatchedStream()));

    public ValueTask<CheckoutResult> Checkout(string holdId, string idempotencyKey) =>
        Sender.Send(new Checkout(Actor, holdId ?? "", idempotencyKey ?? "", null, null));

    /// <summary>Checkout stating the price currency the client showed (must match) and the viewer's display currency.</summary>
    public ValueTask<CheckoutResult> CheckoutIn(string holdId, string idempotencyKey, string? currency, string? displayCurrency) =>
        Sender.Send(new Checkout(Actor, holdId ?? "", idempotencyKey ?? "", currency, displayCurrency));

    public ValueTask<bool> ReleaseHold(string holdId) => Sender.Send(new ReleaseHold(Actor, holdId ?? ""));

    public ValueTask<WaitlistResult> JoinWaitlist(string saleId) =>
        Sender.Send(new JoinWaitlist(Actor, saleId ?? "", WatchedStream()));

    public ValueTask<FlashSaleDto> LaunchFlashSale(string saleId) => Sender.Send(new LaunchFlashSale(Actor, saleId ?? ""));

    private string? WatchedStream() => localViewers.StreamsOf(Context.ConnectionId).FirstOrDefault();
}
