using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>Unsequenced pushes of the feature: coalesced stock, sold-out at once, and waitlist grants to one user.</summary>
public interface IFlashSaleNotifier
{
    /// <summary>Remaining stock changed; pushed coalesced, or at once when it reached zero.</summary>
    void StockChanged(string saleId, int remaining);

    Task HoldGrantedAsync(HoldGrant grant, CancellationToken ct = default);
}
