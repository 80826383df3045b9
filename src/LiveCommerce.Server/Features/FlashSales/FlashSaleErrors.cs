using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>The refusals of the inventory, with their HTTP status; both adapters raise them alike.</summary>
public static class FlashSaleErrors
{
    public static AppException From(string code) => code switch
    {
        ErrorCodes.SaleNotFound => AppException.NotFound(code, "No such sale."),
        ErrorCodes.HoldNotFound => AppException.NotFound(code, "No such hold."),
        ErrorCodes.NotYourHold => AppException.Forbidden(code, "That hold belongs to another buyer."),
        ErrorCodes.CheckoutReplayed => AppException.Conflict(code, "This hold was already checked out with another key."),
        ErrorCodes.CheckoutInProgress => AppException.Conflict(code, "A checkout of this hold with another key is in progress."),
        ErrorCodes.IdempotencyKeyReused => AppException.Conflict(code, "This idempotency key was used for a different quantity."),
        ErrorCodes.InvalidQuantity => new AppException(code, "The quantity must be between 1 and the sale's per-buyer limit."),
        ErrorCodes.QuantityBelowCommitted => AppException.Conflict(code, "The quantity cannot go below the units already sold and held."),
        ErrorCodes.SaleEnded => AppException.Conflict(code, "The sale has ended."),
        ErrorCodes.SaleNotEditable => AppException.Conflict(code, "The sale has started or was cancelled."),
        ErrorCodes.SaleNotLive => AppException.Conflict(code, "The sale is not live."),
        ErrorCodes.NotSoldOut => AppException.Conflict(code, "The sale still has stock: reserve instead."),
        ErrorCodes.LimitReached => AppException.Conflict(code, "You already have the most units this sale allows."),
        _ => new AppException(code, code),
    };
}
