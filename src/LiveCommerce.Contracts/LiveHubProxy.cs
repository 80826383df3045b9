using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Contracts;

/// <summary>
/// How <see cref="LiveHubProxy"/> puts a call on the wire: the shape of
/// <see cref="HubConnection.InvokeCoreAsync(string, Type, object?[], CancellationToken)"/>, so a
/// client can wrap it (map errors, refuse while offline) and a test can record it.
/// </summary>
public delegate Task<object?> HubCall(string method, Type returnType, object?[] args, CancellationToken ct);

/// <summary>
/// <see cref="ILiveHub"/> over a SignalR connection: each method invokes the hub method of the same
/// name with the same arguments in order. The only place a hub method's name becomes a string.
/// Used by the Blazor client, the simulator, the benchmarks and the tests.
/// </summary>
public sealed class LiveHubProxy : ILiveHub
{
    private readonly HubCall _call;
    private readonly CancellationToken _ct;

    /// <param name="ct">Cancels every call made through this proxy (see <see cref="WithCancellation"/>).</param>
    public LiveHubProxy(HubConnection connection, CancellationToken ct = default)
        : this(connection.InvokeCoreAsync, ct)
    {
    }

    public LiveHubProxy(HubCall call, CancellationToken ct = default)
    {
        _call = call;
        _ct = ct;
    }

    /// <summary>The same hub, with calls cancelled by <paramref name="ct"/>.</summary>
    public LiveHubProxy WithCancellation(CancellationToken ct) => new(_call, ct);

    public Task<StreamSnapshot> JoinStream(string streamId, long? lastSeq) => Invoke<StreamSnapshot>(nameof(JoinStream), [streamId, lastSeq]);

    public Task LeaveStream(string streamId) => Invoke(nameof(LeaveStream), [streamId]);

    public Task<StreamDto> StartStream(string streamId) => Invoke<StreamDto>(nameof(StartStream), [streamId]);

    public Task<StreamDto> EndStream(string streamId) => Invoke<StreamDto>(nameof(EndStream), [streamId]);

    public Task<CommentDto> SendComment(string streamId, string? text) => Invoke<CommentDto>(nameof(SendComment), [streamId, text]);

    public Task React(string streamId, string? kind) => Invoke(nameof(React), [streamId, kind]);

    public Task DeleteComment(string streamId, string commentId) => Invoke(nameof(DeleteComment), [streamId, commentId]);

    public Task<int> SetSlowMode(string streamId, int seconds) => Invoke<int>(nameof(SetSlowMode), [streamId, seconds]);

    public Task TimeoutViewer(string streamId, string userId, int seconds) => Invoke(nameof(TimeoutViewer), [streamId, userId, seconds]);

    public Task BanViewer(string streamId, string userId) => Invoke(nameof(BanViewer), [streamId, userId]);

    public Task UnbanViewer(string streamId, string userId) => Invoke(nameof(UnbanViewer), [streamId, userId]);

    public Task<CommentDto> PinAnnouncement(string streamId, string? text) => Invoke<CommentDto>(nameof(PinAnnouncement), [streamId, text]);

    public Task UnpinAnnouncement(string streamId) => Invoke(nameof(UnpinAnnouncement), [streamId]);

    public Task<CommentDto> MarkQuestion(string streamId, string commentId) => Invoke<CommentDto>(nameof(MarkQuestion), [streamId, commentId]);

    public Task<IReadOnlyList<CommentDto>> GetQuestions(string streamId) => Invoke<IReadOnlyList<CommentDto>>(nameof(GetQuestions), [streamId]);

    public Task<PinDto> PinProduct(string streamId, string productId, int? durationSeconds) =>
        Invoke<PinDto>(nameof(PinProduct), [streamId, productId, durationSeconds]);

    public Task UnpinProduct(string streamId, string productId) => Invoke(nameof(UnpinProduct), [streamId, productId]);

    public Task<ReserveResult> Reserve(string? streamId, string saleId, int quantity, string idempotencyKey) =>
        Invoke<ReserveResult>(nameof(Reserve), [streamId, saleId, quantity, idempotencyKey]);

    public Task<CheckoutResult> Checkout(string holdId, string idempotencyKey) => Invoke<CheckoutResult>(nameof(Checkout), [holdId, idempotencyKey]);

    public Task<CheckoutResult> CheckoutIn(string holdId, string idempotencyKey, string? currency, string? displayCurrency) =>
        Invoke<CheckoutResult>(nameof(CheckoutIn), [holdId, idempotencyKey, currency, displayCurrency]);

    public Task<CheckoutResult> ConfirmPayment(string intentId, PaymentCard card) => Invoke<CheckoutResult>(nameof(ConfirmPayment), [intentId, card]);

    public Task<CheckoutResult> CompletePayment(string intentId) => Invoke<CheckoutResult>(nameof(CompletePayment), [intentId]);
    public Task<CheckoutResult> CheckoutTo(string holdId, string idempotencyKey, string? currency, string? displayCurrency, string? addressId) =>
        Invoke<CheckoutResult>(nameof(CheckoutTo), [holdId, idempotencyKey, currency, displayCurrency, addressId]);

    public Task<ReserveResult> ReserveItem(string? streamId, string productId, string? variantId, int quantity, string idempotencyKey) =>
        Invoke<ReserveResult>(nameof(ReserveItem), [streamId, productId, variantId, quantity, idempotencyKey]);

    public Task<bool> ReleaseHold(string holdId) => Invoke<bool>(nameof(ReleaseHold), [holdId]);

    public Task<WaitlistResult> JoinWaitlist(string? streamId, string saleId) => Invoke<WaitlistResult>(nameof(JoinWaitlist), [streamId, saleId]);

    public Task<FlashSaleDto> LaunchFlashSale(string saleId) => Invoke<FlashSaleDto>(nameof(LaunchFlashSale), [saleId]);

    private async Task<T> Invoke<T>(string method, object?[] args) => (T)(await _call(method, typeof(T), args, _ct))!;

    private Task Invoke(string method, object?[] args) => _call(method, typeof(object), args, _ct);
}
