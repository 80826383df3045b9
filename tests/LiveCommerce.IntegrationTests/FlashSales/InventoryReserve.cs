using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.FlashSales;

namespace LiveCommerce.IntegrationTests.FlashSales;

/// <summary>
/// The tests' one-call reserve: the port's blocking batch of one, throwing the call's own refusal. Each
/// runs on a thread of its own, as the port asks (ReserveBatcher's): blocking pool threads would starve
/// the pool that reads the sockets the answers arrive on.
/// </summary>
internal static class InventoryReserve
{
    public static Task<ReserveResult> ReserveAsync(this IFlashSaleInventory inventory, string saleId, string buyerId, int quantity, string idempotencyKey, string? streamId) =>
        Task.Factory.StartNew(
            () =>
            {
                var answer = inventory.ReserveMany([new ReserveRequest(saleId, buyerId, quantity, idempotencyKey, streamId)])[0];
                return answer.Error is { } refusal ? throw refusal : answer.Result!;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
}
