using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// A sale as stored: the details the brand set, and the inventory counters the Lua scripts own.
/// It carries what it needs (product id, title, brand) so it does not depend on the catalog.
/// </summary>
public sealed record FlashSale(
    string Id,
    SaleKind Kind,
    string ProductId,
    string? VariantId,
    string Title,
    string BrandId,
    decimal Price,
    string Currency,
    IReadOnlyList<string> StreamIds,
    int Quantity,
    int PerBuyerLimit,
    int HoldSeconds,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt)
{
    /// <summary>Units still available to reserve.</summary>
    public int Stock { get; init; }

    public int Sold { get; init; }

    public int Held { get; init; }

    public bool Cancelled { get; init; }

    public SaleStatus StatusAt(DateTimeOffset now) =>
        Cancelled ? SaleStatus.Cancelled
        : Kind == SaleKind.Regular ? SaleStatus.Live
        : now < StartsAt ? SaleStatus.Scheduled
        : EndsAt is { } end && now >= end ? SaleStatus.Ended
        : SaleStatus.Live;

    public TimeSpan Duration => (EndsAt ?? StartsAt) - StartsAt;

    public FlashSaleDto ToDto(DateTimeOffset now) => new(
        Id, Kind, ProductId, VariantId, Title, BrandId, Price, Currency, Quantity, Stock, Sold, Held,
        StartsAt, EndsAt, PerBuyerLimit, HoldSeconds, StreamIds, StatusAt(now));
}

/// <summary>A reservation: units taken from stock for one buyer until <see cref="ExpiresAt"/>.</summary>
public sealed record HoldGrant(string SaleId, string BuyerId, string HoldId, int Quantity, DateTimeOffset ExpiresAt);

/// <summary>What a release, an expiry sweep or a quantity change did to the stock.</summary>
public sealed record StockReturn(int Units, int Stock, IReadOnlyList<HoldGrant> Grants);

public enum BeginCheckoutOutcome
{
    /// <summary>The hold is now paying: charge the buyer, then commit.</summary>
    Pay,

    /// <summary>The same checkout key already produced an order.</summary>
    AlreadySold,
    Expired,
}

public sealed record BeginCheckout(BeginCheckoutOutcome Outcome, int Quantity, string? StreamId, string? OrderId);

public enum EditOutcome
{
    Done,
    NotFound,
    NotEditable,
}

public static class HoldIds
{
    /// <summary>Hold ids are "saleId.hN": the sale (and so its Redis slot) is found from the hold alone.</summary>
    public static string? SaleOf(string? holdId)
    {
        if (string.IsNullOrEmpty(holdId) || holdId.Length > 100)
        {
            return null;
        }

        var dot = holdId.LastIndexOf(".h", StringComparison.Ordinal);
        return dot > 0 && long.TryParse(holdId.AsSpan(dot + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            && Common.TextRules.IsId(holdId[..dot])
            ? holdId[..dot]
            : null;
    }

    /// <summary>One hold makes at most one order, so the order id follows from the hold id: retries agree on it.</summary>
    public static string OrderIdFor(string holdId) =>
        holdId[..holdId.LastIndexOf(".h", StringComparison.Ordinal)] + ".o" + holdId[(holdId.LastIndexOf(".h", StringComparison.Ordinal) + 2)..];
}
