namespace LiveCommerce.Server.Features.Fulfilment;

public static class OrderIds
{
    /// <summary>Order ids are "saleId.oN" (HoldIds.OrderIdFor): short, letters, digits, dash, underscore and dots.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
