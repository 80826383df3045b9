using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Sales;

/// <summary>Flash sales and orders over HTTP (docs/API.md "Flash sales and orders").</summary>
public sealed class SalesApi(ApiClient api)
{
    public Task<IReadOnlyList<FlashSaleDto>> ForStreamAsync(string streamId, CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<FlashSaleDto>>($"/api/flash-sales?streamId={Uri.EscapeDataString(streamId)}", ct);

    public Task<FlashSaleDto> ScheduleAsync(ScheduleFlashSaleRequest request) => api.PostAsync<FlashSaleDto>("/api/flash-sales", request);

    public Task<FlashSaleDto> EditAsync(string saleId, ScheduleFlashSaleRequest request) =>
        api.PutAsync<FlashSaleDto>($"/api/flash-sales/{Uri.EscapeDataString(saleId)}", request);

    public Task<FlashSaleDto> CancelAsync(string saleId) => api.PostAsync<FlashSaleDto>($"/api/flash-sales/{Uri.EscapeDataString(saleId)}/cancel", null);

    /// <summary>What can be bought of a product now at list price, per variant.</summary>
    public Task<BuyNowOfferDto> BuyNowAsync(string productId, CancellationToken ct = default) =>
        api.GetAsync<BuyNowOfferDto>($"/api/products/{Uri.EscapeDataString(productId)}/buy-now", ct);

    /// <summary>The signed-in brand's orders, newest first, with their refunds.</summary>
    public Task<IReadOnlyList<BrandOrderDto>> BrandOrdersAsync(CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<BrandOrderDto>>("/api/orders/brand?limit=100", ct);

    /// <summary>Refunds the order, all of it or <paramref name="amount"/> (in the order's currency).</summary>
    public Task<OrderDto> RefundAsync(string orderId, decimal? amount = null) =>
        api.PostAsync<OrderDto>($"/api/orders/{Uri.EscapeDataString(orderId)}/refund", amount is null ? null : new RefundOrderRequest(amount));

    /// <summary>Test mode: the buyer's answer to the simulated 3-D Secure step.</summary>
    public Task<PaymentIntentDto> AnswerTestChallengeAsync(string intentId, bool approve) =>
        api.PostAsync<PaymentIntentDto>($"/api/payments/test-challenge/{Uri.EscapeDataString(intentId)}", new TestChallengeAnswer(approve));

    public Task<IReadOnlyList<OrderDto>> MyOrdersAsync(CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<OrderDto>>("/api/orders/mine?limit=100", ct);

    /// <summary>Asks to return a delivered order, with a reason (docs/API.md "Fulfilment and returns").</summary>
    public Task<ReturnDto> RequestReturnAsync(string orderId, string reason) =>
        api.PostAsync<ReturnDto>($"/api/orders/{Uri.EscapeDataString(orderId)}/return", new ReturnRequest(reason));
}
