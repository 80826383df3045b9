using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.FlashSales;

public static class StockEffects
{
    /// <summary>After units moved: forget sold-out if stock came back, push stock, tell waitlisted buyers their hold.</summary>
    public static async Task ApplyAsync(string saleId, StockReturn change, IFlashSaleNotifier notifier, SoldOutCache soldOut, CancellationToken ct)
    {
        if (change.Stock > 0 || change.Grants.Count > 0)
        {
            soldOut.StockReturned(saleId);
        }

        notifier.StockChanged(saleId, change.Stock);
        foreach (var grant in change.Grants)
        {
            await notifier.HoldGrantedAsync(grant, ct);
        }
    }
}
